package org.etdremediator.ledger;

import java.time.Instant;
import java.time.LocalDate;

/**
 * How far the search has got, and the counters that must survive a restart.
 *
 * @param searchedUntil the end of the last window searched completely, null when never searched
 * @param lastRetroScanAt when the last retro scan ran, null when none has
 * @param quotaDay the UTC day {@code quotaUsed} counts for, null when nothing was counted
 * @param quotaUsed ETD requests spent on {@code quotaDay}
 * @param lastCycle the last cycle's summary, null before the first
 */
public record Checkpoint(
    Instant searchedUntil,
    Instant lastRetroScanAt,
    LocalDate quotaDay,
    int quotaUsed,
    CycleSummary lastCycle) {

  private static final Checkpoint EMPTY = new Checkpoint(null, null, null, 0, null);

  /** The checkpoint of a state directory that has never been used. */
  public static Checkpoint empty() {
    return EMPTY;
  }

  public Checkpoint withSearchedUntil(Instant until) {
    return new Checkpoint(until, lastRetroScanAt, quotaDay, quotaUsed, lastCycle);
  }

  public Checkpoint withLastRetroScanAt(Instant at) {
    return new Checkpoint(searchedUntil, at, quotaDay, quotaUsed, lastCycle);
  }

  public Checkpoint withQuota(LocalDate day, int used) {
    return new Checkpoint(searchedUntil, lastRetroScanAt, day, used, lastCycle);
  }

  public Checkpoint withLastCycle(CycleSummary cycle) {
    return new Checkpoint(searchedUntil, lastRetroScanAt, quotaDay, quotaUsed, cycle);
  }
}
