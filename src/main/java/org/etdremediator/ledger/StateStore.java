package org.etdremediator.ledger;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.etdremediator.ledger.StateLoader.Loaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's durable memory: which convictions were remediated (and when and how), which are
 * pending or failed, and the search checkpoint.
 *
 * <p>Every change is applied in memory at once, so that the next lookup sees it, and appended to
 * the journal; its future completes when the journal line is synced to disk. Appends are
 * group-committed. {@link #compact()} folds the journal into a binary snapshot. Methods may be
 * called from any thread; the file work runs on worker threads.
 *
 * <p>The directory holds {@code ledger.snapshot}, {@code journal-<generation>.jsonl}, {@code
 * checkpoint.json}, {@code state.lock} and the audit log, which {@code AuditLog} owns.
 */
public final class StateStore {

  private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

  /** Journal records after which the store compacts on its own. */
  private static final int AUTO_COMPACT_RECORDS = 200_000;

  private final Context context;
  private final Path dir;
  private final Clock clock;
  private final StateLock lock;
  private final AppendOnlyLog journal;
  private final List<String> warnings;
  private volatile Duration retention;

  private final LedgerState state;
  private Checkpoint checkpoint;
  private long generation;
  // What checkpoint.json records: the journal generation in use, and the snapshot's.
  private long recordedJournal;
  private long recordedSnapshot;
  private int journalRecords;
  private Future<Void> compaction = Future.succeededFuture();
  private Future<Void> checkpointWrites = Future.succeededFuture();
  private Future<Void> closing;

  private StateStore(
      Context context, Path dir, Duration retention, Clock clock, StateLock lock, Loaded loaded) {
    this.context = context;
    this.dir = dir;
    this.retention = retention;
    this.clock = clock;
    this.lock = lock;
    this.state = loaded.state();
    this.checkpoint = loaded.checkpoint();
    this.generation = loaded.nextGeneration();
    this.recordedJournal = loaded.nextGeneration();
    this.recordedSnapshot = loaded.snapshotGeneration();
    this.journalRecords = loaded.unfolded();
    this.warnings = new ArrayList<>(loaded.warnings());
    this.journal = new AppendOnlyLog(context, dir.resolve(JournalFile.name(generation)));
  }

  /** Opens the state directory strictly: a corrupt file fails the open. */
  public static Future<StateStore> open(Vertx vertx, Path dir, Duration retention, Clock clock) {
    return open(vertx, dir, retention, clock, Recovery.STRICT);
  }

  /**
   * Opens (creating if missing) and locks the state directory, loads the snapshot, replays the
   * journal and drops remediations older than {@code retention}. A torn last journal line is
   * tolerated and reported in {@link #warnings()}. Any other damage, or a ledger file or checkpoint
   * missing from a directory that shows it had one, fails with a {@link StateException} under
   * {@link Recovery#STRICT}, leaving every file as it is; {@link Recovery#SALVAGE} keeps what is
   * readable and sets the damaged files aside. A directory that cannot be written fails the open
   * too.
   */
  public static Future<StateStore> open(
      Vertx vertx, Path dir, Duration retention, Clock clock, Recovery recovery) {
    Context context = vertx.getOrCreateContext();
    boolean salvage = recovery == Recovery.SALVAGE;
    return context
        .executeBlocking(
            () -> StateDirectory.lockAndLoad(dir, salvage, clock.instant().minus(retention)), false)
        .compose(
            opened -> {
              StateStore store =
                  new StateStore(context, dir, retention, clock, opened.lock(), opened.loaded());
              Loaded loaded = opened.loaded();
              boolean sound =
                  loaded.damaged().isEmpty() && !loaded.lost() && !loaded.checkpointMissing();
              return sound
                  ? Future.succeededFuture(store)
                  : StateSalvage.salvage(store, opened.loaded());
            });
  }

  /**
   * Reads a state directory without changing or locking it, for {@code status}. Damage is reported
   * in the warnings along with what could still be read.
   */
  public static Future<StateReport> inspect(Vertx vertx, Path dir) {
    return vertx.executeBlocking(() -> StateDirectory.inspect(dir));
  }

  /** Problems met while opening: torn journal lines, and under salvage what was set aside. */
  public synchronized List<String> warnings() {
    return List.copyOf(warnings);
  }

  synchronized void warn(String warning) {
    warnings.add(warning);
  }

  Path dir() {
    return dir;
  }

  long journalSyncs() {
    return journal.syncCount();
  }

  Context context() {
    return context;
  }

  public synchronized boolean isRemediated(String etdId) {
    return state.remediated.contains(etdId);
  }

  /**
   * When and how the message was remediated. The time comes back to the second, and the SMA status
   * and attempts may be reduced for compact storage.
   */
  public synchronized Optional<Remediation> remediation(String etdId) {
    return state.remediated.get(etdId);
  }

  public synchronized int remediatedCount() {
    return state.remediated.size();
  }

  /** Records a remediation and clears the message's pending or failed item. */
  public Future<Void> recordRemediated(Remediation r) {
    return append(StateJson.remediation(r), () -> state.remediated(r));
  }

  /** Records a pending item, replacing an earlier one for the same message. */
  public Future<Void> recordPending(PendingItem p) {
    return append(StateJson.pending(p), () -> state.pending(p));
  }

  /** Records that the agent gave up on a message; its pending item goes. */
  public Future<Void> recordFailed(FailedItem f) {
    return append(StateJson.failed(f), () -> state.failed(f));
  }

  public synchronized Collection<PendingItem> pending() {
    return List.copyOf(state.pending.values());
  }

  public synchronized Optional<PendingItem> pending(String etdId) {
    return Optional.ofNullable(state.pending.get(etdId));
  }

  public synchronized Collection<FailedItem> failed() {
    return List.copyOf(state.failed.values());
  }

  public synchronized Checkpoint checkpoint() {
    return checkpoint;
  }

  /**
   * Replaces the checkpoint; written to {@code checkpoint.json} atomically. Saves complete in the
   * order they were made, so the last one made is the one on disk.
   */
  public Future<Void> saveCheckpoint(Checkpoint c) {
    synchronized (this) {
      if (closing != null) {
        return closedFailure();
      }
      checkpoint = c;
      return writeCheckpoint();
    }
  }

  /**
   * Records in the checkpoint file the journal generation in use, once that journal exists, and the
   * snapshot's, once that snapshot is durable.
   */
  private synchronized Future<Void> recordGenerations(long journalGeneration, long snapshot) {
    recordedJournal = journalGeneration;
    recordedSnapshot = snapshot;
    return writeCheckpoint();
  }

  private synchronized Future<Void> writeCheckpoint() {
    byte[] json = CheckpointFile.encode(checkpoint, recordedJournal, recordedSnapshot);
    checkpointWrites =
        checkpointWrites.transform(
            ignored ->
                context.executeBlocking(
                    () -> {
                      CheckpointFile.write(dir, json);
                      return null;
                    },
                    false));
    return checkpointWrites;
  }

  /** Takes effect at the next expiry: {@link #expire()}, {@link #compact()} or an open. */
  public void setRetention(Duration retention) {
    this.retention = retention;
  }

  /**
   * Forgets remediations and failed items older than the retention, in memory; the next compaction
   * makes it durable. Returns how many were dropped.
   */
  public synchronized int expire() {
    return state.expire(cutoff());
  }

  /**
   * Writes the whole ledger to a new snapshot, without expired entries, and deletes the journals it
   * contains. Appends go on meanwhile, into a new journal generation. A crash at any step leaves
   * either the old snapshot with all journals or the new snapshot with the new journal.
   *
   * <p>The ledger is copied for the snapshot while the store is locked, about 40 ms a million ids;
   * lookups wait that long.
   */
  public synchronized Future<Void> compact() {
    if (closing != null) {
      return closedFailure();
    }
    compaction = compaction.transform(ignored -> compactNow());
    return compaction;
  }

  private Future<Void> compactNow() {
    SnapshotImage image;
    Future<Void> rotated;
    long next;
    int folded;
    synchronized (this) {
      state.expire(cutoff());
      next = generation + 1;
      image = state.image(next, clock.instant());
      rotated = journal.switchTo(dir.resolve(JournalFile.name(next)));
      generation = next;
      folded = journalRecords;
      journalRecords = 0;
    }
    // Once the new journal exists it is the one in use; the old ones stay until the snapshot that
    // holds them is durable, so every moment's files agree with what the checkpoint records.
    Future<Void> recorded = rotated.compose(v -> recordGenerations(next, recordedSnapshot()));
    return context
        .<Void>executeBlocking(
            () -> {
              try {
                SnapshotFile.write(dir, image);
              } catch (java.io.IOException e) {
                throw StateException.io("Cannot write the snapshot in " + dir, e);
              }
              return null;
            },
            false)
        .compose(v -> recorded)
        .compose(
            v ->
                context.<Void>executeBlocking(
                    () -> {
                      StateDirectory.deleteJournalsBefore(dir, next);
                      return null;
                    },
                    false))
        .compose(v -> recordGenerations(next, next))
        .onFailure(e -> restoreCount(folded));
  }

  private synchronized long recordedSnapshot() {
    return recordedSnapshot;
  }

  private synchronized void restoreCount(int folded) {
    journalRecords += folded;
  }

  /**
   * Waits for pending writes, compacts when the journal holds anything, and releases the directory.
   * Later changes fail.
   */
  public Future<Void> close() {
    Future<Void> compacted;
    synchronized (this) {
      if (closing != null) {
        return closing;
      }
      compacted = journalRecords > 0 ? compact() : compaction;
      closing = compacted;
    }
    Future<Void> done =
        compacted
            .eventually(journal::close)
            .eventually(() -> checkpointWrites)
            .eventually(
                () ->
                    context.<Void>executeBlocking(
                        () -> {
                          lock.release();
                          return null;
                        },
                        false));
    synchronized (this) {
      closing = done;
    }
    return done;
  }

  private Future<Void> append(JsonObject record, Runnable apply) {
    Buffer line = Buffer.buffer(record.encode()).appendByte((byte) '\n');
    Future<Void> written;
    boolean compactNow;
    synchronized (this) {
      if (closing != null) {
        return closedFailure();
      }
      apply.run();
      written = journal.append(line);
      journalRecords++;
      compactNow = journalRecords == AUTO_COMPACT_RECORDS;
    }
    if (compactNow) {
      compact()
          .onFailure(e -> LOG.warn("Compacting the state in {} failed: {}", dir, e.getMessage()));
    }
    return written;
  }

  private Instant cutoff() {
    return clock.instant().minus(retention);
  }

  private <T> Future<T> closedFailure() {
    return Future.failedFuture(new StateException("The state store for " + dir + " is closed."));
  }
}
