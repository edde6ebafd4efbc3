package org.etdremediator.ledger;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a state directory without changing it: the snapshot, then every journal generation the
 * snapshot does not contain, then the checkpoint. Blocking.
 */
final class StateLoader {

  private static final String ADVICE =
      " Nothing was loaded and no file was changed. Keep the file for inspection: open the state"
          + " with salvage recovery to keep what is readable and set the bad file aside, or move"
          + " the file away yourself.";

  /**
   * What the directory held.
   *
   * @param nextGeneration the first journal generation free for writing
   * @param unfolded records and journal files not yet folded into the snapshot; when above zero a
   *     compaction is worthwhile
   * @param damaged files that are corrupt (only when loading leniently)
   * @param stale journals that the snapshot already contains
   * @param leftovers temp files of an interrupted write
   */
  record Loaded(
      LedgerState state,
      Checkpoint checkpoint,
      boolean checkpointDamaged,
      long nextGeneration,
      int unfolded,
      List<String> warnings,
      List<Path> damaged,
      List<Path> stale,
      List<Path> leftovers) {}

  private final Path dir;
  private final boolean lenient;
  private final List<String> warnings = new ArrayList<>();
  private final List<Path> damaged = new ArrayList<>();

  private StateLoader(Path dir, boolean lenient) {
    this.dir = dir;
    this.lenient = lenient;
  }

  /**
   * Loads the directory. Strict loading fails on the first corrupt file with a {@link
   * StateException}; lenient loading keeps what it can and lists the damage.
   */
  static Loaded load(Path dir, boolean lenient) throws IOException {
    return new StateLoader(dir, lenient).load();
  }

  private Loaded load() throws IOException {
    TreeMap<Long, Path> journals = journals();
    long lastJournal = journals.isEmpty() ? 0 : journals.lastKey();
    Path snapshotFile = dir.resolve(SnapshotFile.NAME);
    LedgerState state = new LedgerState(0);
    long firstToReplay = 0;
    if (Files.exists(snapshotFile)) {
      SnapshotFile.Contents contents = SnapshotFile.read(snapshotFile);
      state = contents.state();
      firstToReplay = contents.nextJournalGeneration();
      if (contents.problem() != null) {
        damage(snapshotFile, snapshotProblem(snapshotFile, contents));
        // The header of a damaged snapshot cannot be trusted to say which journals it holds.
        firstToReplay = 0;
      }
    }

    List<Path> stale = new ArrayList<>();
    int records = 0;
    for (Map.Entry<Long, Path> journal : journals.entrySet()) {
      if (journal.getKey() < firstToReplay) {
        stale.add(journal.getValue());
      } else {
        records += 1 + replay(journal.getValue(), state);
      }
    }
    if (!damaged.isEmpty()) {
      // Replaying journals the snapshot already held can bring back a stale pending item.
      state.pending.keySet().removeIf(state.remediated::contains);
    }

    Path checkpointFile = dir.resolve(CheckpointFile.NAME);
    Checkpoint checkpoint = Checkpoint.empty();
    boolean checkpointDamaged = false;
    if (Files.exists(checkpointFile)) {
      try {
        checkpoint = CheckpointFile.read(checkpointFile);
      } catch (RuntimeException | CharacterCodingException e) {
        checkpointDamaged = true;
        damage(
            checkpointFile,
            checkpointFile + " is not a readable checkpoint: " + firstLine(e) + ".");
      }
    }

    List<Path> leftovers = new ArrayList<>();
    for (String name : List.of(SnapshotFile.NAME, CheckpointFile.NAME)) {
      Path tmp = dir.resolve(name + DurableFiles.TMP_SUFFIX);
      if (Files.exists(tmp)) {
        leftovers.add(tmp);
      }
    }
    long next = Math.max(firstToReplay, lastJournal + 1);
    return new Loaded(
        state,
        checkpoint,
        checkpointDamaged,
        next,
        records,
        List.copyOf(warnings),
        List.copyOf(damaged),
        stale,
        leftovers);
  }

  private int replay(Path file, LedgerState state) throws IOException {
    JournalFile.Result result = JournalFile.read(file, state::apply);
    if (!result.bad().isEmpty()) {
      JournalFile.BadLine first = result.bad().get(0);
      String more =
          result.bad().size() > 1 ? " (" + (result.bad().size() - 1) + " more bad lines)" : "";
      damage(
          file,
          String.format(
              "%s is corrupt at line %d (byte offset %d): %s%s. %d of its %d lines are readable"
                  + " records.",
              file,
              first.number(),
              first.offset(),
              first.problem(),
              more,
              result.records(),
              result.lines()));
    }
    if (result.torn() != null) {
      warnings.add(
          String.format(
              "%s ends in an incomplete record at line %d (byte offset %d), left by a crash"
                  + " during a write; it was ignored and the %d records before it were loaded.",
              file, result.torn().number(), result.torn().offset(), result.records()));
    }
    return result.records();
  }

  private void damage(Path file, String message) {
    if (!lenient) {
      throw new StateException(message + ADVICE);
    }
    damaged.add(file);
    warnings.add(message);
  }

  private static String snapshotProblem(Path file, SnapshotFile.Contents contents) {
    StringBuilder s = new StringBuilder().append(file).append(" is corrupt: ");
    s.append(contents.problem()).append('.');
    if (contents.writtenAt() != null) {
      s.append(" It was written at ").append(contents.writtenAt()).append(';');
      s.append(" before the damage it yields ").append(contents.state().remediated.size());
      s.append(" remediated ids, ").append(contents.state().pending.size()).append(" pending and ");
      s.append(contents.state().failed.size()).append(" failed items.");
    }
    return s.toString();
  }

  private TreeMap<Long, Path> journals() throws IOException {
    TreeMap<Long, Path> journals = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(f -> JournalFile.generation(f).ifPresent(g -> journals.put(g, f)));
    }
    return journals;
  }

  private static String firstLine(Exception e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int cut = why.indexOf('\n');
    return cut < 0 ? why : why.substring(0, cut);
  }
}
