package org.etdremediator.ledger;

import java.nio.file.Path;
import java.util.List;

/**
 * What a state directory holds, read without changing it, for the {@code status} command.
 *
 * @param warnings torn lines, corrupt or missing files and what could still be read from them; when
 *     there are any, the counts are incomplete
 * @param checkpointDamaged the checkpoint file could not be read, so {@code checkpoint} is empty
 *     for want of anything better
 */
public record StateReport(
    Path dir,
    int remediatedCount,
    List<PendingItem> pending,
    List<FailedItem> failed,
    Checkpoint checkpoint,
    List<String> warnings,
    boolean checkpointDamaged) {

  public StateReport {
    pending = List.copyOf(pending);
    failed = List.copyOf(failed);
    warnings = List.copyOf(warnings);
  }

  public StateReport(
      Path dir,
      int remediatedCount,
      List<PendingItem> pending,
      List<FailedItem> failed,
      Checkpoint checkpoint,
      List<String> warnings) {
    this(dir, remediatedCount, pending, failed, checkpoint, warnings, false);
  }

  /** The last cycle's summary, or null when no cycle has finished yet. */
  public CycleSummary lastCycle() {
    return checkpoint.lastCycle();
  }
}
