package org.etdremediator.ledger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.stream.Stream;
import org.etdremediator.ledger.StateLoader.Loaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The blocking steps on the state directory as a whole. */
final class StateDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(StateDirectory.class);

  private StateDirectory() {}

  record Opened(StateLock lock, Loaded loaded) {}

  /**
   * Creates and locks the directory, loads it, forgets what is older than {@code cutoff}, tidies
   * what interrupted writes left, then creates the journal generation to write and records it in
   * the checkpoint, which also proves that the directory can be written.
   */
  static Opened lockAndLoad(Path dir, boolean salvage, Instant cutoff) {
    StateLock lock;
    try {
      createPrivate(dir);
      lock = StateLock.acquire(dir);
    } catch (IOException e) {
      throw StateException.io("Cannot use " + dir + " as the state directory", e);
    }
    try {
      Loaded loaded = StateLoader.load(dir, salvage);
      loaded.state().expire(cutoff);
      for (Path leftover : loaded.leftovers()) {
        LOG.info("Removing {}, left over from an interrupted write", leftover);
        Files.deleteIfExists(leftover);
      }
      // A compaction that stopped after its snapshot leaves journals the snapshot contains.
      for (Path stale : loaded.stale()) {
        LOG.info("Removing {}, already contained in the snapshot", stale);
        Files.deleteIfExists(stale);
      }
      startJournal(dir, loaded);
      return new Opened(lock, loaded);
    } catch (IOException | RuntimeException e) {
      release(lock, e);
      if (e instanceof StateException se) {
        throw se;
      }
      throw e instanceof IOException io
          ? StateException.io("Cannot read the state in " + dir, io)
          : new StateException("Cannot read the state in " + dir + ": " + e, e);
    }
  }

  /**
   * Creates and syncs the journal the store will write, then records it in the checkpoint. In that
   * order: a crash in between leaves a journal that nothing records yet, which the next start takes
   * for what it is. A damaged checkpoint is left for salvage to set aside first.
   */
  private static void startJournal(Path dir, Loaded loaded) {
    Path journal = dir.resolve(JournalFile.name(loaded.nextGeneration()));
    try {
      createJournal(journal);
    } catch (IOException e) {
      throw StateException.io(
          "Cannot write to the state directory "
              + dir
              + " (creating "
              + journal.getFileName()
              + "); the agent's user must be able to create, write and sync files there",
          e);
    }
    if (!loaded.checkpointDamaged()) {
      CheckpointFile.write(
          dir,
          CheckpointFile.encode(
              loaded.checkpoint(), loaded.nextGeneration(), loaded.snapshotGeneration()));
    }
  }

  /** Creates a journal when missing and makes it durable, directory entry included. Blocking. */
  static void createJournal(Path journal) throws IOException {
    try (FileChannel ch = DurableFiles.openPrivate(journal, StandardOpenOption.APPEND)) {
      ch.force(true);
    }
    DurableFiles.syncDirectory(journal.toAbsolutePath().getParent());
  }

  private static void release(StateLock lock, Exception cause) {
    try {
      lock.release();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  /** Reads the directory leniently and changes nothing, not even the lock file. */
  static StateReport inspect(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new StateException("No state directory at " + dir + ".");
    }
    Loaded loaded = StateLoader.load(dir, true);
    LedgerState s = loaded.state();
    return new StateReport(
        dir,
        s.remediated.size(),
        new ArrayList<>(s.pending.values()),
        new ArrayList<>(s.failed.values()),
        loaded.checkpoint(),
        loaded.warnings(),
        loaded.checkpointDamaged());
  }

  /** Deletes the journals a durable snapshot now contains. */
  static void deleteJournalsBefore(Path dir, long generation) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (JournalFile.generation(f).orElse(Long.MAX_VALUE) < generation) {
          Files.delete(f);
        }
      }
      DurableFiles.syncDirectory(dir);
    } catch (IOException e) {
      throw StateException.io(
          "Cannot delete the journals compacted into the snapshot in " + dir, e);
    }
  }

  /** Creates the directory, when missing, readable by the agent's user only. */
  private static void createPrivate(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectories(
          dir,
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createDirectories(dir);
    }
  }
}
