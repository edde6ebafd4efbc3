package org.etdremediator.ledger;

import java.time.Instant;
import java.util.List;

/**
 * A copy of the ledger taken at one instant, to be written by another thread.
 *
 * @param nextJournalGeneration the first journal generation the snapshot does not contain
 */
record SnapshotImage(
    long nextJournalGeneration,
    Instant writtenAt,
    PackedEntries packed,
    List<Remediation> others,
    List<PendingItem> pending,
    List<FailedItem> failed) {}
