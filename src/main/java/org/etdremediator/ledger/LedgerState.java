package org.etdremediator.ledger;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ledger in memory: remediated ids, pending and failed items. Not thread-safe. */
final class LedgerState {

  final RemediatedIds remediated;
  final Map<String, PendingItem> pending = new LinkedHashMap<>();
  final Map<String, FailedItem> failed = new LinkedHashMap<>();

  LedgerState(int expectedRemediated) {
    remediated = new RemediatedIds(expectedRemediated);
  }

  void remediated(Remediation r) {
    remediated.put(r);
    pending.remove(r.etdId());
    failed.remove(r.etdId());
  }

  void pending(PendingItem p) {
    pending.put(p.etdId(), p);
    failed.remove(p.etdId());
  }

  void failed(FailedItem f) {
    failed.put(f.etdId(), f);
    pending.remove(f.etdId());
  }

  /**
   * Applies one journal record.
   *
   * @throws RuntimeException when the record is not one this version writes
   */
  void apply(JsonObject record) {
    String type = record.getString("type");
    if (StateJson.REMEDIATED.equals(type)) {
      remediated(StateJson.remediation(record));
    } else if (StateJson.PENDING.equals(type)) {
      pending(StateJson.pending(record));
    } else if (StateJson.FAILED.equals(type)) {
      failed(StateJson.failed(record));
    } else {
      throw new IllegalArgumentException("unknown record type \"" + type + "\"");
    }
  }

  /** Forgets remediations and failures older than {@code cutoff}; returns how many. */
  int expire(Instant cutoff) {
    int before = failed.size();
    failed.values().removeIf(f -> f.failedAt().isBefore(cutoff));
    return remediated.expire(cutoff) + before - failed.size();
  }

  SnapshotImage image(long nextJournalGeneration, Instant writtenAt) {
    return new SnapshotImage(
        nextJournalGeneration,
        writtenAt,
        remediated.copyPacked(),
        new ArrayList<>(remediated.others().values()),
        new ArrayList<>(pending.values()),
        new ArrayList<>(failed.values()));
  }
}
