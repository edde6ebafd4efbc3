package org.etdremediator.ledger;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Instant;
import org.etdremediator.ledger.StateLoader.Loaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites a damaged state directory from what could be read: a copy of each damaged file is set
 * aside first, then a fresh snapshot replaces the damaged snapshot and journals, and a damaged
 * checkpoint is reset.
 */
final class StateSalvage {

  private static final Logger LOG = LoggerFactory.getLogger(StateSalvage.class);

  private StateSalvage() {}

  static Future<StateStore> salvage(StateStore store, Loaded loaded) {
    Instant now = Instant.now();
    return store
        .context()
        .<Void>executeBlocking(
            () -> {
              for (Path file : loaded.damaged()) {
                Path copy = DurableFiles.setAside(file, now);
                store.warn("Salvage: a copy of " + file + " was set aside as " + copy + ".");
              }
              return null;
            },
            false)
        .compose(v -> store.compact())
        .compose(
            v -> loaded.checkpointDamaged() ? resetCheckpoint(store) : Future.succeededFuture())
        .map(v -> report(store))
        .recover(e -> store.close().transform(ignored -> Future.failedFuture(e)));
  }

  private static Future<Void> resetCheckpoint(StateStore store) {
    store.warn(
        "Salvage: the checkpoint was reset, so the next search reaches back only as far as"
            + " schedule.initialLookback; widen it once if the agent was down for longer.");
    return store.saveCheckpoint(Checkpoint.empty());
  }

  private static StateStore report(StateStore store) {
    LOG.warn(
        "Salvaged the state in {}: {} remediated ids, {} pending and {} failed items kept",
        store.dir(),
        store.remediatedCount(),
        store.pending().size(),
        store.failed().size());
    store.warnings().forEach(w -> LOG.warn("{}", w));
    return store;
  }
}
