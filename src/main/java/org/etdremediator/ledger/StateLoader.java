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
      " Nothing was loaded and no file was changed. Run `"
          + StateException.REPAIR_COMMAND
          + "` to keep what is readable and set a copy of the bad file aside.";

  private static final String MISSING_ADVICE =
      " Nothing was loaded and no file was changed. If the file was moved away, put it back. Only"
          + " if it is lost for good, run `"
          + StateException.REPAIR_COMMAND
          + "` to go on from what is left: the messages it remembered that are still in reach"
          + " will then be remediated again.";

  /**
   * What the directory held.
   *
   * @param nextGeneration the first journal generation free for writing
   * @param unfolded records and journal files not yet folded into the snapshot; when above zero a
   *     compaction is worthwhile
   * @param snapshotGeneration the next journal generation of the snapshot loaded, 0 when none
   * @param checkpointMissing the checkpoint is missing from a directory that was used
   * @param lost files missing that the directory shows it had (only when loading leniently)
   * @param damaged files that are corrupt (only when loading leniently)
   * @param stale journals that the snapshot already contains
   * @param leftovers temp files of an interrupted write
   */
  record Loaded(
      LedgerState state,
      Checkpoint checkpoint,
      boolean checkpointDamaged,
      long snapshotGeneration,
      long nextGeneration,
      int unfolded,
      List<String> warnings,
      boolean checkpointMissing,
      boolean lost,
      List<Path> damaged,
      List<Path> stale,
      List<Path> leftovers) {}

  private final Path dir;
  private final boolean lenient;
  private final List<String> warnings = new ArrayList<>();
  private final List<Path> damaged = new ArrayList<>();
  private boolean lost;

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
    boolean hasSnapshot = Files.exists(snapshotFile);
    LedgerState state = new LedgerState(0);
    long firstToReplay = 0;
    long snapshotGeneration = 0;
    if (hasSnapshot) {
      SnapshotFile.Contents contents = SnapshotFile.read(snapshotFile);
      state = contents.state();
      firstToReplay = contents.nextJournalGeneration();
      snapshotGeneration = firstToReplay;
      if (contents.problem() != null) {
        damage(snapshotFile, snapshotProblem(snapshotFile, contents));
        // The header of a damaged snapshot cannot be trusted to say which journals it holds.
        firstToReplay = 0;
      }
    }

    List<Path> stale = new ArrayList<>();
    int records = 0;
    boolean used = hasSnapshot;
    for (Map.Entry<Long, Path> journal : journals.entrySet()) {
      if (journal.getKey() < firstToReplay) {
        stale.add(journal.getValue());
      } else {
        records += 1 + replay(journal.getValue(), state);
        used |= Files.size(journal.getValue()) > 0;
      }
    }
    if (!damaged.isEmpty()) {
      // Replaying journals the snapshot already held can bring back a stale pending item.
      state.pending.keySet().removeIf(state.remediated::contains);
    }

    Path checkpointFile = dir.resolve(CheckpointFile.NAME);
    CheckpointFile.Contents saved =
        new CheckpointFile.Contents(
            Checkpoint.empty(), CheckpointFile.UNKNOWN, CheckpointFile.UNKNOWN);
    boolean checkpointDamaged = false;
    boolean checkpointMissing = false;
    if (Files.exists(checkpointFile)) {
      try {
        saved = CheckpointFile.read(checkpointFile);
      } catch (RuntimeException | CharacterCodingException e) {
        checkpointDamaged = true;
        damage(
            checkpointFile,
            checkpointFile + " is not a readable checkpoint: " + firstLine(e) + ".");
      }
    } else if (used) {
      checkpointMissing = true;
      missing(
          checkpointFile
              + " is missing, but the ledger shows that the directory was used ("
              + (hasSnapshot ? SnapshotFile.NAME : "journals with records")
              + "), so the agent no longer knows how far it searched. If the file was moved"
              + " away, put it back. Otherwise run `"
              + StateException.REPAIR_COMMAND
              + "`: it keeps every remediated id, so nothing is remediated twice, and starts an"
              + " empty checkpoint, so the next search reaches back schedule.initialLookback and"
              + " the retro scan covers what it finds again; widen schedule.initialLookback"
              + " once if the agent was stopped for longer. Nothing was loaded and no file was"
              + " changed.",
          false);
    }
    new LedgerHistory(dir, hasSnapshot, snapshotGeneration, journals, saved)
        .problems()
        .forEach(problem -> missing(problem, true));

    List<Path> leftovers = new ArrayList<>();
    for (String name : List.of(SnapshotFile.NAME, CheckpointFile.NAME)) {
      Path tmp = dir.resolve(name + DurableFiles.TMP_SUFFIX);
      if (Files.exists(tmp)) {
        leftovers.add(tmp);
      }
    }
    long next = Math.max(firstToReplay, lastJournal + 1);
    if (!journals.isEmpty()
        && lastJournal >= firstToReplay
        && Files.size(journals.lastEntry().getValue()) == 0) {
      // An empty last journal (left by an idle run) is taken up again rather than followed by
      // another empty one at every start; it holds nothing to fold in.
      next = lastJournal;
      records--;
    }
    return new Loaded(
        state,
        saved.checkpoint(),
        checkpointDamaged,
        hasSnapshot ? snapshotGeneration : 0,
        next,
        records,
        List.copyOf(warnings),
        checkpointMissing,
        lost,
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

  /**
   * A state file that is gone although the directory shows it had it: strictly a refusal, since the
   * agent would act again on what the file remembered; leniently a warning.
   */
  private void missing(String message, boolean addAdvice) {
    if (!lenient) {
      throw new StateException(addAdvice ? message + MISSING_ADVICE : message);
    }
    lost = true;
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
