package org.etdremediator.etd;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** A span of received times to search, {@code from} inclusive to {@code to}. */
public record SearchWindow(Instant from, Instant to) {
  /** ETD refuses a query that spans more than this. */
  public static final Duration MAX_SPAN = Duration.ofDays(32);

  /** ETD refuses a query whose start lies further back than this. */
  public static final Duration MAX_REACH = Duration.ofDays(90);

  public SearchWindow {
    from = from.truncatedTo(ChronoUnit.MILLIS);
    to = to.truncatedTo(ChronoUnit.MILLIS);
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("window start " + from + " is not before its end " + to);
    }
  }

  /** This window cut into consecutive slices of at most {@link #MAX_SPAN}, oldest first. */
  public List<SearchWindow> slices() {
    List<SearchWindow> out = new ArrayList<>();
    Instant start = from;
    while (start.isBefore(to)) {
      Instant end = start.plus(MAX_SPAN).isBefore(to) ? start.plus(MAX_SPAN) : to;
      out.add(new SearchWindow(start, end));
      start = end;
    }
    return out;
  }

  @Override
  public String toString() {
    return "[" + from + ", " + to + "]";
  }
}
