package org.etdremediator.agent;

import io.vertx.core.Future;
import java.time.Instant;
import org.etdremediator.ledger.Checkpoint;
import org.etdremediator.ledger.CycleSummary;
import org.etdremediator.ledger.StateStore;

/**
 * Holds the checkpoint between cycles and saves each change of it. In a dry run it is kept in
 * memory only, so a dry run leaves the state directory as it found it, apart from the audit log.
 */
final class CheckpointKeeper {
  private final StateStore store;
  private final Quota quota;
  private Checkpoint current;
  private boolean persist;

  CheckpointKeeper(StateStore store, Quota quota, boolean persist) {
    this.store = store;
    this.quota = quota;
    this.current = store.checkpoint();
    this.persist = persist;
  }

  void setPersist(boolean value) {
    persist = value;
  }

  /** Goes back to the saved checkpoint: what a dry run searched was not acted on. */
  void resetToSaved() {
    current = store.checkpoint();
  }

  Checkpoint current() {
    return current;
  }

  /** Moves the checkpoint forward to {@code to}; never backwards. */
  Future<Void> searched(Instant to) {
    Instant before = current.searchedUntil();
    if (before != null && !to.isAfter(before)) {
      return Future.succeededFuture();
    }
    return save(
        new Checkpoint(
            to,
            current.lastRetroScanAt(),
            current.quotaDay(),
            current.quotaUsed(),
            current.lastCycle()));
  }

  Future<Void> retroScanned(Instant at) {
    return save(
        new Checkpoint(
            current.searchedUntil(),
            at,
            current.quotaDay(),
            current.quotaUsed(),
            current.lastCycle()));
  }

  Future<Void> cycleFinished(CycleSummary summary) {
    return save(
        new Checkpoint(
            current.searchedUntil(),
            current.lastRetroScanAt(),
            current.quotaDay(),
            current.quotaUsed(),
            summary));
  }

  private Future<Void> save(Checkpoint next) {
    current =
        new Checkpoint(
            next.searchedUntil(),
            next.lastRetroScanAt(),
            quota.day(),
            quota.used(),
            next.lastCycle());
    return persist ? store.saveCheckpoint(current) : Future.succeededFuture();
  }
}
