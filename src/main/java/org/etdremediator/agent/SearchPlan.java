package org.etdremediator.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.etdremediator.config.ScheduleSettings;
import org.etdremediator.etd.SearchWindow;

/**
 * The windows one cycle searches: the regular one from the checkpoint (minus the overlap) up to now
 * minus the search lag, and, when a retro scan is due, the stretch before it back to the retro
 * lookback. Neither reaches further back than ETD allows.
 *
 * @param regular slices of the regular window, oldest first; empty when there is nothing new
 * @param retro slices of the retro stretch, oldest first; empty when no retro scan is due
 * @param to where the checkpoint moves once the regular window is done
 * @param unreachable the span that should have been searched but lies beyond ETD's reach, or null
 */
public record SearchPlan(
    List<SearchWindow> regular, List<SearchWindow> retro, Instant to, SearchWindow unreachable) {

  /** ETD reaches back 90 days; a little margin keeps a slow search from crossing that line. */
  static final Duration REACH_MARGIN = Duration.ofMinutes(10);

  public static SearchPlan make(
      Instant now, Instant checkpoint, ScheduleSettings schedule, boolean retroDue) {
    Instant to = now.minus(schedule.searchLag());
    Instant oldest = now.minus(SearchWindow.MAX_REACH).plus(REACH_MARGIN);
    Instant wanted =
        checkpoint == null
            ? now.minus(schedule.initialLookback())
            : checkpoint.minus(schedule.overlap());
    SearchWindow unreachable = wanted.isBefore(oldest) ? new SearchWindow(wanted, oldest) : null;
    Instant from = latest(wanted, oldest);
    List<SearchWindow> regular =
        from.isBefore(to) ? new SearchWindow(from, to).slices() : List.of();
    List<SearchWindow> retro = List.of();
    if (retroDue) {
      Instant retroFrom = latest(now.minus(schedule.retroLookback()), oldest);
      Instant retroTo = from.isBefore(to) ? from : to;
      if (retroFrom.isBefore(retroTo)) {
        retro = new SearchWindow(retroFrom, retroTo).slices();
      }
    }
    return new SearchPlan(regular, retro, to, unreachable);
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
