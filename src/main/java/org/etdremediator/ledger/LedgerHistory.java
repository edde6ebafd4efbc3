package org.etdremediator.ledger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Checks that the ledger files a state directory shows it had are all there. The journal
 * generations from the snapshot's next one up to the one the checkpoint records as in use were each
 * created before the checkpoint recorded them, and only a compaction deletes a journal, once a
 * snapshot holds it. So a gap in that range, a snapshot older than the one recorded, or no snapshot
 * where journals were folded into one, is a file lost, not a crash.
 */
final class LedgerHistory {

  private final Path dir;
  private final boolean hasSnapshot;
  private final long snapshotGeneration;
  private final TreeMap<Long, Path> journals;
  private final CheckpointFile.Contents saved;

  /**
   * @param snapshotGeneration the next journal generation of the snapshot, when there is one
   */
  LedgerHistory(
      Path dir,
      boolean hasSnapshot,
      long snapshotGeneration,
      TreeMap<Long, Path> journals,
      CheckpointFile.Contents saved) {
    this.dir = dir;
    this.hasSnapshot = hasSnapshot;
    this.snapshotGeneration = snapshotGeneration;
    this.journals = journals;
    this.saved = saved;
  }

  /** What is missing, one message a file; empty when the ledger is whole. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    Path snapshot = dir.resolve(SnapshotFile.NAME);
    long recordedSnapshot = saved.snapshotGeneration();
    long firstJournal = journals.isEmpty() ? Long.MAX_VALUE : journals.firstKey();
    if (!hasSnapshot && recordedSnapshot > 0) {
      problems.add(
          snapshot
              + " is missing, but "
              + dir.resolve(CheckpointFile.NAME)
              + " records that the ledger was compacted into it (up to journal generation "
              + recordedSnapshot
              + "). The remediated ids, pending and failed items it held would be forgotten.");
    } else if (!hasSnapshot
        && recordedSnapshot == CheckpointFile.UNKNOWN
        && firstJournal > 1
        && firstJournal != Long.MAX_VALUE) {
      problems.add(
          snapshot
              + " is missing, but the journals start at generation "
              + firstJournal
              + ", so the earlier ones were compacted into a snapshot. The remediated ids,"
              + " pending and failed items it held would be forgotten.");
    } else if (hasSnapshot && snapshotGeneration < recordedSnapshot) {
      problems.add(
          snapshot
              + " is older than the last one written: it holds the journals before generation "
              + snapshotGeneration
              + ", but "
              + dir.resolve(CheckpointFile.NAME)
              + " records one holding those before generation "
              + recordedSnapshot
              + ". The remediations recorded in between would be forgotten.");
    }
    String journalProblem = missingJournals(Math.max(1, from(recordedSnapshot)));
    if (journalProblem != null) {
      problems.add(journalProblem);
    }
    return problems;
  }

  /** The first generation that must be a journal: the snapshot holds those before it. */
  private long from(long recordedSnapshot) {
    if (hasSnapshot) {
      return Math.max(snapshotGeneration, recordedSnapshot);
    }
    return recordedSnapshot;
  }

  private String missingJournals(long from) {
    long inUse = saved.journalGeneration();
    if (inUse == CheckpointFile.UNKNOWN) {
      return null;
    }
    if (from > inUse) {
      return null;
    }
    long missing = inUse - from + 1 - journals.subMap(from, true, inUse, true).size();
    if (missing == 0) {
      return null;
    }
    List<String> gone = new ArrayList<>();
    for (long g = from; g <= inUse && gone.size() < 5; g++) {
      if (!journals.containsKey(g)) {
        gone.add(JournalFile.name(g));
      }
    }
    String names =
        String.join(", ", gone) + (missing > gone.size() ? " and " + (missing - 5) + " more" : "");
    return (missing == 1 ? "The journal " : "The journals ")
        + names
        + " in "
        + dir
        + (missing == 1 ? " is" : " are")
        + " missing, but "
        + dir.resolve(CheckpointFile.NAME)
        + " records journal generation "
        + inUse
        + " in use. The remediations recorded in "
        + (missing == 1 ? "it" : "them")
        + " would be forgotten.";
  }
}
