package org.etdremediator.ledger;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Instant;
import org.etdremediator.ledger.StateLoader.Loaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites a damaged state directory from what could be read: a copy of each damaged file is set
 * aside first, then a fresh snapshot replaces the damaged snapshot and journals, and a damaged or
 * missing checkpoint is reset. A directory with a ledger file missing goes on from what is left.
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
            v ->
                loaded.checkpointDamaged() || loaded.checkpointMissing()
                    ? resetCheckpoint(store)
                    : Future.succeededFuture())
        .map(
            v -> {
              if (loaded.lost()) {
                store.warn(
                    "Salvage: the state goes on from the ledger files that are left; the messages"
                        + " the missing ones remembered will be remediated again if they are"
                        + " still in reach.");
              }
              return v;
            })
        .map(v -> report(store))
        .recover(e -> store.close().transform(ignored -> Future.failedFuture(e)));
  }

  private static Future<Void> resetCheckpoint(StateStore store) {
    store.warn(
        "Salvage: the checkpoint was reset, so the next search reaches back only as far as"
            + " schedule.initialLookback, and the retro scan covers what it finds again; every"
            + " remediated id is kept, so nothing is remediated twice. Widen"
            + " schedule.initialLookback once if the agent was down for longer.");
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
