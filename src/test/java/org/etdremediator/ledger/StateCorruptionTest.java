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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class StateCorruptionTest {

  @TempDir Path work;

  /** A state directory as a crash leaves it: three remediations in one journal, no snapshot. */
  private Path journalOnlyState(Vertx vertx) throws Exception {
    StateStore store = open(vertx, work.resolve("live"));
    for (int i = 1; i <= 3; i++) {
      await(store.recordRemediated(remediation(id(i), NOW)));
    }
    Path image = crashImage(work.resolve("live"), work.resolve("image"));
    await(store.close());
    return image;
  }

  /** A state directory with a snapshot of 100 remediations and nothing else. */
  private Path snapshotOnlyState(Vertx vertx) throws Exception {
    Path dir = work.resolve("snap");
    StateStore store = open(vertx, dir);
    for (int i = 0; i < 100; i++) {
      await(store.recordRemediated(remediation(id(i), NOW)));
    }
    await(store.close());
    Files.delete(dir.resolve(StateLock.NAME));
    return dir;
  }

  private static Path journal(Path dir) throws Exception {
    List<String> names = listing(dir).stream().filter(n -> n.startsWith("journal-")).toList();
    assertEquals(1, names.size(), names.toString());
    return dir.resolve(names.get(0));
  }

  private static void insertLine(Path file, int before, String text) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.add(before - 1, text);
    Files.write(file, lines);
  }

  @Test
  @DisplayName("a journal line torn by a crash is ignored with a warning, the rest is loaded")
  void tornLastLineTolerated(Vertx vertx) throws Exception {
    Path dir = journalOnlyState(vertx);
    Path journal = journal(dir);
    Files.writeString(
        journal, "{\"type\":\"remediated\",\"etdId\":\"ab", StandardOpenOption.APPEND);

    StateStore store = open(vertx, dir);

    assertEquals(3, store.remediatedCount());
    assertEquals(1, store.warnings().size(), store.warnings().toString());
    String warning = store.warnings().get(0);
    assertTrue(warning.contains(journal.toString()) && warning.contains("line 4"), warning);
    await(store.recordRemediated(remediation(id(4), NOW)));
    await(store.close());
    StateStore again = open(vertx, dir);
    assertEquals(4, again.remediatedCount());
    await(again.close());
  }

  @Test
  @DisplayName("zero bytes a crash left at the end of the journal are tolerated too")
  void zeroTailTolerated(Vertx vertx) throws Exception {
    Path dir = journalOnlyState(vertx);
    Files.write(journal(dir), new byte[4096], StandardOpenOption.APPEND);

    StateStore store = open(vertx, dir);

    assertEquals(3, store.remediatedCount());
    assertEquals(1, store.warnings().size());
    await(store.close());
  }

  @Test
  @DisplayName("garbage in the middle of the journal stops the open, names file and line")
  void garbageInTheMiddleFails(Vertx vertx) throws Exception {
    Path dir = journalOnlyState(vertx);
    Path journal = journal(dir);
    insertLine(journal, 2, "this is not json");
    byte[] before = Files.readAllBytes(journal);

    Throwable failure = awaitFailure(StateStore.open(vertx, dir, RETENTION, CLOCK));

    assertInstanceOf(StateException.class, failure);
    String message = failure.getMessage();
    assertTrue(message.contains(journal.toString()), message);
    assertTrue(message.contains("line 2"), message);
    assertTrue(message.contains("3 of its 4 lines are readable"), message);
    assertArrayEquals(before, Files.readAllBytes(journal));
    assertEquals(
        List.of(CheckpointFile.NAME, journal.getFileName().toString(), StateLock.NAME),
        listing(dir));
  }

  @Test
  @DisplayName("a complete damaged last line is not taken for a torn one")
  void damagedCompleteLastLineFails(Vertx vertx) throws Exception {
    Path dir = journalOnlyState(vertx);
    Files.writeString(journal(dir), "{\"type\":\"bogus\"}\n", StandardOpenOption.APPEND);

    Throwable failure = awaitFailure(StateStore.open(vertx, dir, RETENTION, CLOCK));

    assertInstanceOf(StateException.class, failure);
    assertTrue(failure.getMessage().contains("line 4"), failure.getMessage());
  }

  @Test
  @DisplayName("a snapshot with a bad checksum stops the open and is left as it is")
  void corruptSnapshotFails(Vertx vertx) throws Exception {
    Path dir = snapshotOnlyState(vertx);
    Path snapshot = dir.resolve(SnapshotFile.NAME);
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(snapshot, bytes);

    Throwable failure = awaitFailure(StateStore.open(vertx, dir, RETENTION, CLOCK));

    assertInstanceOf(StateException.class, failure);
    String message = failure.getMessage();
    assertTrue(message.contains(snapshot.toString()) && message.contains("checksum"), message);
    assertArrayEquals(bytes, Files.readAllBytes(snapshot));
  }

  @Test
  @DisplayName("a truncated snapshot stops the open")
  void truncatedSnapshotFails(Vertx vertx) throws Exception {
    Path dir = snapshotOnlyState(vertx);
    Path snapshot = dir.resolve(SnapshotFile.NAME);
    byte[] bytes = Files.readAllBytes(snapshot);
    Files.write(snapshot, java.util.Arrays.copyOf(bytes, bytes.length - 500));

    Throwable failure = awaitFailure(StateStore.open(vertx, dir, RETENTION, CLOCK));

    assertInstanceOf(StateException.class, failure);
    assertTrue(failure.getMessage().contains(snapshot.toString()), failure.getMessage());
  }

  @Test
  @DisplayName("an unreadable checkpoint stops the open and is left as it is")
  void corruptCheckpointFails(Vertx vertx) throws Exception {
    Path dir = journalOnlyState(vertx);
    Path checkpoint = dir.resolve(CheckpointFile.NAME);
    Files.writeString(checkpoint, "{\"searchedUntil\": \"yesterday\"");

    Throwable failure = awaitFailure(StateStore.open(vertx, dir, RETENTION, CLOCK));

    assertInstanceOf(StateException.class, failure);
    assertTrue(failure.getMessage().contains(checkpoint.toString()), failure.getMessage());
    assertEquals("{\"searchedUntil\": \"yesterday\"", Files.readString(checkpoint));
  }

  @Test
  @DisplayName("a checkpoint that is not even text stops the open too, naming the file")
  void binaryCheckpointFails(Vertx vertx) throws Exception {
    Path dir = journalOnlyState(vertx);
    Path checkpoint = dir.resolve(CheckpointFile.NAME);
    Files.write(checkpoint, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3});

    Throwable failure = awaitFailure(StateStore.open(vertx, dir, RETENTION, CLOCK));

    assertInstanceOf(StateException.class, failure);
    assertTrue(failure.getMessage().contains("not a readable checkpoint"), failure.getMessage());
  }

  @Test
  @DisplayName("salvage keeps the readable journal records and sets the bad journal aside")
  void salvageJournal(Vertx vertx) throws Exception {
    Path dir = journalOnlyState(vertx);
    Path journal = journal(dir);
    insertLine(journal, 2, "this is not json");
    byte[] damaged = Files.readAllBytes(journal);

    StateStore store = await(StateStore.open(vertx, dir, RETENTION, CLOCK, Recovery.SALVAGE));

    assertEquals(3, store.remediatedCount());
    String warnings = String.join("\n", store.warnings());
    assertTrue(warnings.contains("line 2") && warnings.contains(".corrupt-"), warnings);
    Path copy = corruptCopy(dir, journal.getFileName().toString());
    assertArrayEquals(damaged, Files.readAllBytes(copy));
    assertFalse(Files.exists(journal));
    await(store.close());
    StateStore strict = open(vertx, dir);
    assertEquals(3, strict.remediatedCount());
    assertEquals(List.of(), strict.warnings());
    await(strict.close());
  }

  @Test
  @DisplayName("salvage of a damaged snapshot keeps its entries and rewrites it")
  void salvageSnapshot(Vertx vertx) throws Exception {
    Path dir = snapshotOnlyState(vertx);
    Path snapshot = dir.resolve(SnapshotFile.NAME);
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[40 + 24 * 50] ^= 0x01;
    Files.write(snapshot, bytes);

    StateStore store = await(StateStore.open(vertx, dir, RETENTION, CLOCK, Recovery.SALVAGE));

    assertEquals(100, store.remediatedCount());
    assertTrue(
        String.join("\n", store.warnings()).contains("checksum"), store.warnings()::toString);
    assertArrayEquals(bytes, Files.readAllBytes(corruptCopy(dir, SnapshotFile.NAME)));
    await(store.close());
    StateStore strict = open(vertx, dir);
    assertEquals(100, strict.remediatedCount());
    await(strict.close());
  }

  @Test
  @DisplayName("salvage of an unreadable checkpoint starts from an empty one and says so")
  void salvageCheckpoint(Vertx vertx) throws Exception {
    Path dir = journalOnlyState(vertx);
    Files.writeString(dir.resolve(CheckpointFile.NAME), "garbage");

    StateStore store = await(StateStore.open(vertx, dir, RETENTION, CLOCK, Recovery.SALVAGE));

    assertEquals(Checkpoint.empty(), store.checkpoint());
    assertEquals(3, store.remediatedCount());
    assertTrue(String.join("\n", store.warnings()).contains("initialLookback"));
    assertEquals("garbage", Files.readString(corruptCopy(dir, CheckpointFile.NAME)));
    await(store.close());
    StateStore strict = open(vertx, dir);
    assertEquals(Checkpoint.empty(), strict.checkpoint());
    await(strict.close());
  }

  private static Path corruptCopy(Path dir, String name) throws Exception {
    List<String> copies =
        listing(dir).stream().filter(n -> n.startsWith(name + ".corrupt-")).toList();
    assertEquals(1, copies.size(), listing(dir).toString());
    return dir.resolve(copies.get(0));
  }

  @Test
  @DisplayName("status reads a damaged directory without changing it and reports the damage")
  void inspectIsReadOnly(Vertx vertx) throws Exception {
    Path dir = journalOnlyState(vertx);
    insertLine(journal(dir), 2, "garbage");
    List<String> before = listing(dir);
    byte[] journalBytes = Files.readAllBytes(journal(dir));

    StateReport report = await(StateStore.inspect(vertx, dir));

    assertEquals(3, report.remediatedCount());
    assertTrue(String.join("\n", report.warnings()).contains("line 2"), report::toString);
    assertEquals(before, listing(dir));
    assertArrayEquals(journalBytes, Files.readAllBytes(journal(dir)));
    assertTrue(new String(journalBytes, StandardCharsets.UTF_8).contains("garbage"));
  }

  @Test
  @DisplayName("salvage of a sound directory changes nothing and warns of nothing")
  void salvageOfSoundState(Vertx vertx) throws Exception {
    Path dir = journalOnlyState(vertx);
    List<String> before = listing(dir);

    StateStore store = await(StateStore.open(vertx, dir, RETENTION, CLOCK, Recovery.SALVAGE));

    assertEquals(List.of(), store.warnings());
    assertEquals(3, store.remediatedCount());
    assertTrue(listing(dir).stream().noneMatch(n -> n.contains(".corrupt-")));
    assertTrue(listing(dir).containsAll(before));
    await(store.close());
  }

  @Test
  @DisplayName("status of a directory that does not exist says so")
  void inspectMissingDirectory(Vertx vertx) {
    Path missing = work.resolve("nowhere");

    Throwable failure = awaitFailure(StateStore.inspect(vertx, missing));

    assertInstanceOf(StateException.class, failure);
    assertTrue(failure.getMessage().contains(missing.toString()), failure.getMessage());
    assertFalse(Files.exists(missing));
  }
}
