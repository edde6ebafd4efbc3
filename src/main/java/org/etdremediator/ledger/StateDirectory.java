package org.etdremediator.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** Creates and locks the directory, loads it, and tidies what interrupted writes left. */
  static Opened lockAndLoad(Path dir, boolean salvage) throws IOException {
    Files.createDirectories(dir);
    StateLock lock = StateLock.acquire(dir);
    try {
      Loaded loaded = StateLoader.load(dir, salvage);
      for (Path leftover : loaded.leftovers()) {
        LOG.info("Removing {}, left over from an interrupted write", leftover);
        Files.deleteIfExists(leftover);
      }
      // A compaction that stopped after its snapshot leaves journals the snapshot contains.
      for (Path stale : loaded.stale()) {
        LOG.info("Removing {}, already contained in the snapshot", stale);
        Files.deleteIfExists(stale);
      }
      return new Opened(lock, loaded);
    } catch (IOException | RuntimeException e) {
      lock.release();
      throw e;
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
        loaded.warnings());
  }

  /** Deletes the journals a durable snapshot now contains. */
  static void deleteJournalsBefore(Path dir, long generation) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (JournalFile.generation(f).orElse(Long.MAX_VALUE) < generation) {
          Files.delete(f);
        }
      }
    }
    DurableFiles.syncDirectory(dir);
  }
}
