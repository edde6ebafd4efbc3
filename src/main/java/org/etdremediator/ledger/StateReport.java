package org.etdremediator.ledger;

import java.nio.file.Path;
import java.util.List;

/**
 * What a state directory holds, read without changing it, for the {@code status} command.
 *
 * @param warnings torn lines, corrupt files and what could still be read from them
 */
public record StateReport(
    Path dir,
    int remediatedCount,
    List<PendingItem> pending,
    List<FailedItem> failed,
    Checkpoint checkpoint,
    List<String> warnings) {

  public StateReport {
    pending = List.copyOf(pending);
    failed = List.copyOf(failed);
    warnings = List.copyOf(warnings);
  }

  /** The last cycle's summary, or null when no cycle has finished yet. */
  public CycleSummary lastCycle() {
    return checkpoint.lastCycle();
  }
}
