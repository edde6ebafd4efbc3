package org.etdremediator.ledger;

import static org.etdremediator.ledger.StateFixtures.CLOCK;
import static org.etdremediator.ledger.StateFixtures.NOW;
import static org.etdremediator.ledger.StateFixtures.RETENTION;
import static org.etdremediator.ledger.StateFixtures.await;
import static org.etdremediator.ledger.StateFixtures.awaitFailure;
import static org.etdremediator.ledger.StateFixtures.crashImage;
import static org.etdremediator.ledger.StateFixtures.id;
import static org.etdremediator.ledger.StateFixtures.listing;
import static org.etdremediator.ledger.StateFixtures.open;
import static org.etdremediator.ledger.StateFixtures.remediation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("A state directory with a file missing")
class LostStateFilesTest {

  private static final String REPAIR = "etd-remediator repair-state --config FILE";

  @TempDir Path work;

  /** 200 remediations compacted into the snapshot, then 7 in the journal, as a crash leaves it. */
  private Path compactedState(Vertx vertx) throws Exception {
    Path live = work.resolve("live");
    StateStore store = open(vertx, live);
    await(Future.all(records(0, 200, store)));
    await(store.compact());
    await(Future.all(records(200, 207, store)));
    await(store.saveCheckpoint(Checkpoint.empty().withSearchedUntil(NOW)));
    Path image = crashImage(live, work.resolve("image"));
    await(store.close());
    return image;
  }

  /** Five remediations in the first journal, as a crash leaves it. */
  private Path journalState(Vertx vertx) throws Exception {
    Path live = work.resolve("live");
    StateStore store = open(vertx, live);
    await(Future.all(records(0, 5, store)));
    Path image = crashImage(live, work.resolve("image"));
    await(store.close());
    return image;
  }

  private static List<Future<Void>> records(int from, int to, StateStore store) {
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = from; i < to; i++) {
      writes.add(store.recordRemediated(remediation(id(i), NOW)));
    }
    return writes;
  }

  private static StateException refusal(Vertx vertx, Path dir) {
    return assertInstanceOf(
        StateException.class, awaitFailure(StateStore.open(vertx, dir, RETENTION, CLOCK)));
  }

  @Test
  @DisplayName("a snapshot moved away stops the open, naming it and what to do")
  void snapshotMovedAway(Vertx vertx) throws Exception {
    Path dir = compactedState(vertx);
    Files.move(dir.resolve(SnapshotFile.NAME), work.resolve("elsewhere.snapshot"));

    StateException refusal = refusal(vertx, dir);

    String message = refusal.getMessage();
    assertTrue(message.contains(dir.resolve(SnapshotFile.NAME) + " is missing"), message);
    assertTrue(message.contains("put it back") && message.contains(REPAIR), message);
    Files.move(work.resolve("elsewhere.snapshot"), dir.resolve(SnapshotFile.NAME));
    StateStore store = open(vertx, dir);
    assertEquals(207, store.remediatedCount());
    await(store.close());
  }

  @Test
  @DisplayName("without a recorded snapshot, journals that start after the first show one was lost")
  void snapshotMissingFromAnOlderCheckpoint(Vertx vertx) throws Exception {
    Path dir = compactedState(vertx);
    Files.delete(dir.resolve(SnapshotFile.NAME));
    Files.writeString(dir.resolve(CheckpointFile.NAME), "{\"version\": 1}");

    StateException refusal = refusal(vertx, dir);

    assertTrue(
        refusal.getMessage().contains("journals start at generation 2"), refusal::getMessage);
  }

  @Test
  @DisplayName("a deleted journal stops the open, naming it")
  void journalDeleted(Vertx vertx) throws Exception {
    Path dir = journalState(vertx);
    Path journal = dir.resolve(JournalFile.name(1));
    Files.delete(journal);

    StateException refusal = refusal(vertx, dir);

    String message = refusal.getMessage();
    assertTrue(message.contains(journal.getFileName() + " in " + dir + " is missing"), message);
    assertTrue(message.contains(REPAIR), message);
  }

  @Test
  @DisplayName("a deleted journal after a compaction stops the open too")
  void journalDeletedAfterCompaction(Vertx vertx) throws Exception {
    Path dir = compactedState(vertx);
    Files.delete(dir.resolve(JournalFile.name(2)));

    StateException refusal = refusal(vertx, dir);

    assertTrue(refusal.getMessage().contains(JournalFile.name(2)), refusal::getMessage);
  }

  @Test
  @DisplayName("a journal created by a start killed before recording it reopens cleanly")
  void crashBeforeJournalRecorded(Vertx vertx) throws Exception {
    Path dir = journalState(vertx);
    Files.createFile(dir.resolve(JournalFile.name(2)));

    StateStore store = open(vertx, dir);

    assertEquals(5, store.remediatedCount());
    assertEquals(List.of(), store.warnings());
    await(store.close());
  }

  @Test
  @DisplayName("a first start killed before its checkpoint was written reopens as a first start")
  void crashDuringFirstStart(Vertx vertx) throws Exception {
    Path dir = Files.createDirectories(work.resolve("first"));
    Files.createFile(dir.resolve(JournalFile.name(1)));

    StateStore store = open(vertx, dir);

    assertEquals(0, store.remediatedCount());
    assertEquals(List.of(), store.warnings());
    await(store.close());
  }

  @Test
  @DisplayName("a deleted checkpoint of a used directory stops the open and says how to recover")
  void checkpointDeleted(Vertx vertx) throws Exception {
    Path dir = compactedState(vertx);
    Files.delete(dir.resolve(CheckpointFile.NAME));

    StateException refusal = refusal(vertx, dir);

    String message = refusal.getMessage();
    assertTrue(message.contains(dir.resolve(CheckpointFile.NAME) + " is missing"), message);
    assertTrue(message.contains(REPAIR) && message.contains("initialLookback"), message);
    assertFalse(Files.exists(dir.resolve(CheckpointFile.NAME)));
  }

  @Test
  @DisplayName("repair of a deleted checkpoint keeps every remediated id and starts a new one")
  void checkpointDeletedRepaired(Vertx vertx) throws Exception {
    Path dir = compactedState(vertx);
    Files.delete(dir.resolve(CheckpointFile.NAME));

    StateStore store = await(StateStore.open(vertx, dir, RETENTION, CLOCK, Recovery.SALVAGE));

    assertEquals(207, store.remediatedCount());
    assertEquals(null, store.checkpoint().searchedUntil());
    String warnings = String.join("\n", store.warnings());
    assertTrue(warnings.contains("is missing") && warnings.contains("initialLookback"), warnings);
    await(store.close());
    StateStore strict = open(vertx, dir);
    assertEquals(207, strict.remediatedCount());
    assertEquals(List.of(), strict.warnings());
    await(strict.close());
  }

  @Test
  @DisplayName("a checkpoint of an unknown version stops the open, saying so")
  void checkpointOfUnknownVersion(Vertx vertx) throws Exception {
    Path dir = journalState(vertx);
    Files.writeString(dir.resolve(CheckpointFile.NAME), "{\"version\":99}");

    StateException refusal = refusal(vertx, dir);

    assertTrue(refusal.getMessage().contains("version 99"), refusal::getMessage);
    assertEquals("{\"version\":99}", Files.readString(dir.resolve(CheckpointFile.NAME)));
  }

  @Test
  @DisplayName("the message for a corrupt file names the repair-state command")
  void corruptFilePointsToRepair(Vertx vertx) throws Exception {
    Path dir = journalState(vertx);
    Files.writeString(dir.resolve(CheckpointFile.NAME), "{");

    StateException refusal = refusal(vertx, dir);

    assertTrue(refusal.getMessage().contains(REPAIR), refusal::getMessage);
    assertFalse(refusal.getMessage().contains("move the file"), refusal::getMessage);
  }

  @Test
  @DisplayName("a state directory the agent cannot write stops the open, with the OS reason")
  void readOnlyDirectory(Vertx vertx) throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
    Path dir = journalState(vertx);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
    try {
      StateException refusal = refusal(vertx, dir);

      String message = refusal.getMessage();
      assertTrue(
          message.contains(dir.toString()) && message.contains("Permission denied"), message);
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  @DisplayName("a checkpoint that cannot be saved fails with a message naming file and reason")
  void checkpointSaveFailureNamesReason(Vertx vertx) throws Exception {
    Path dir = work.resolve("state");
    StateStore store = open(vertx, dir);
    // A directory where the temp file goes cannot be written over, not even by root.
    Files.createDirectories(dir.resolve(CheckpointFile.NAME + DurableFiles.TMP_SUFFIX + "/x"));

    Throwable failure =
        awaitFailure(store.saveCheckpoint(Checkpoint.empty().withSearchedUntil(NOW)));

    StateException refusal = assertInstanceOf(StateException.class, failure);
    assertTrue(refusal.getMessage().contains(dir.resolve(CheckpointFile.NAME).toString()));
    assertTrue(refusal.getMessage().contains("Is a directory"), refusal::getMessage);
    Files.delete(dir.resolve(CheckpointFile.NAME + DurableFiles.TMP_SUFFIX + "/x"));
    Files.delete(dir.resolve(CheckpointFile.NAME + DurableFiles.TMP_SUFFIX));
    await(store.close());
  }

  @Test
  @DisplayName("a refused permission is reported as such, not as the bare file name")
  void permissionDeniedIsNamed() {
    StateException e =
        StateException.io("Cannot save", new AccessDeniedException("/state/checkpoint.json.tmp"));

    assertEquals("Cannot save: Permission denied (/state/checkpoint.json.tmp).", e.getMessage());
  }

  @Test
  @DisplayName("an idle restart reuses its empty journal instead of adding another")
  void idleRestartAddsNoJournal(Vertx vertx) throws Exception {
    Path dir = work.resolve("state");
    await(open(vertx, dir).close());
    List<String> before = listing(dir);

    await(open(vertx, dir).close());

    assertEquals(before, listing(dir));
  }
}
