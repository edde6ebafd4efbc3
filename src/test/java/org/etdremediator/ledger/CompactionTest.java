package org.etdremediator.ledger;

import static org.etdremediator.ledger.StateFixtures.NOW;
import static org.etdremediator.ledger.StateFixtures.await;
import static org.etdremediator.ledger.StateFixtures.conviction;
import static org.etdremediator.ledger.StateFixtures.crashImage;
import static org.etdremediator.ledger.StateFixtures.id;
import static org.etdremediator.ledger.StateFixtures.listing;
import static org.etdremediator.ledger.StateFixtures.open;
import static org.etdremediator.ledger.StateFixtures.remediation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class CompactionTest {

  @TempDir Path dir;
  @TempDir Path images;

  /** Everything a store shows about ids 0..n and a few odd ones, for comparing two stores. */
  private record View(
      int count,
      List<Optional<Remediation>> remediations,
      List<PendingItem> pending,
      List<FailedItem> failed,
      Checkpoint checkpoint) {

    static View of(StateStore s, int n) {
      List<Optional<Remediation>> r = new ArrayList<>();
      IntStream.range(0, n).forEach(i -> r.add(s.remediation(id(i))));
      r.add(s.remediation("legacy-id-1"));
      r.add(s.remediation(id(1).toUpperCase(java.util.Locale.ROOT)));
      return new View(
          s.remediatedCount(),
          r,
          List.copyOf(s.pending()),
          List.copyOf(s.failed()),
          s.checkpoint());
    }
  }

  private static void fill(StateStore store) {
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      writes.add(store.recordRemediated(remediation(id(i), NOW.minusSeconds(i))));
    }
    writes.add(
        store.recordRemediated(new Remediation("legacy-id-1", NOW, "odd", "delete", 200, 1)));
    String upper = id(1).toUpperCase(java.util.Locale.ROOT);
    writes.add(store.recordRemediated(remediation(upper, NOW)));
    for (int i = 500; i < 520; i++) {
      writes.add(store.recordPending(new PendingItem(conviction(id(i)), NOW, 1, NOW, "503")));
    }
    writes.add(store.recordFailed(new FailedItem(conviction(id(600)), NOW, 5, "gave up")));
    writes.add(store.saveCheckpoint(Checkpoint.empty().withSearchedUntil(NOW)));
    await(Future.all(writes));
  }

  @Test
  @DisplayName("after compaction the state reopens identical, from the snapshot alone")
  void compactThenReopenIdentical(Vertx vertx) throws Exception {
    StateStore store = open(vertx, dir);
    fill(store);
    View before = View.of(store, 700);

    await(store.compact());

    assertEquals(
        List.of("checkpoint.json", "journal-00000002.jsonl", "ledger.snapshot", "state.lock"),
        listing(dir));
    StateStore after = open(vertx, crashImage(dir, images.resolve("a")));
    assertEquals(before, View.of(after, 700));
    assertEquals(List.of(), after.warnings());
    await(after.close());
    await(store.close());
  }

  @Test
  @DisplayName("changes made while a compaction runs are kept")
  void appendsDuringCompaction(Vertx vertx) throws Exception {
    StateStore store = open(vertx, dir);
    fill(store);

    Future<Void> compaction = store.compact();
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 1000; i < 1100; i++) {
      writes.add(store.recordRemediated(remediation(id(i), NOW)));
    }
    writes.add(store.recordRemediated(remediation(id(500), NOW)));
    await(Future.all(writes));
    await(compaction);

    StateStore after = open(vertx, crashImage(dir, images.resolve("a")));
    assertEquals(View.of(store, 1100), View.of(after, 1100));
    assertTrue(after.isRemediated(id(1099)));
    assertFalse(after.pending(id(500)).isPresent());
    await(after.close());
    await(store.close());
  }

  @Test
  @DisplayName("compaction drops remediations older than the retention from the snapshot")
  void compactionExpires(Vertx vertx) throws Exception {
    StateStore store = open(vertx, dir);
    await(store.recordRemediated(remediation(id(1), NOW.minus(Duration.ofDays(10)))));
    await(store.recordRemediated(remediation(id(2), NOW)));
    store.setRetention(Duration.ofDays(5));

    await(store.compact());

    StateStore after = open(vertx, crashImage(dir, images.resolve("a")));
    assertEquals(1, after.remediatedCount());
    assertTrue(after.isRemediated(id(2)));
    await(after.close());
    await(store.close());
  }

  @Test
  @DisplayName("a crash while writing the snapshot: old snapshot, both journals and a temp file")
  void crashBeforeSnapshotRename(Vertx vertx) throws Exception {
    StateStore store = open(vertx, dir);
    await(store.recordRemediated(remediation(id(1), NOW)));
    await(store.compact());
    await(store.recordPending(new PendingItem(conviction(id(2)), NOW, 0, null, null)));
    Path image = crashImage(dir, images.resolve("a"));
    await(store.compact());
    await(store.recordRemediated(remediation(id(2), NOW)));
    await(store.recordRemediated(remediation(id(3), NOW)));
    // The image keeps the first snapshot and its journal; add the journal the next compaction
    // started, and the half-written snapshot it would have left.
    for (String name : listing(dir)) {
      if (name.startsWith("journal-")) {
        Files.copy(dir.resolve(name), image.resolve(name));
      }
    }
    Files.write(image.resolve("ledger.snapshot.tmp"), new byte[] {'E', 'T', 'D'});

    StateStore after = open(vertx, image);

    assertEquals(3, after.remediatedCount());
    assertTrue(after.pending().isEmpty());
    assertFalse(Files.exists(image.resolve("ledger.snapshot.tmp")));
    assertEquals(List.of(), after.warnings());
    await(after.close());
    await(store.close());
  }

  @Test
  @DisplayName(
      "a crash after the snapshot, before its journals were deleted: they are not replayed")
  void crashAfterSnapshotRename(Vertx vertx) throws Exception {
    StateStore store = open(vertx, dir);
    await(store.recordPending(new PendingItem(conviction(id(1)), NOW, 0, null, null)));
    List<Path> oldJournals = new ArrayList<>();
    for (String name : listing(dir)) {
      if (name.startsWith("journal-")) {
        Path copy = images.resolve("old-" + name);
        Files.copy(dir.resolve(name), copy);
        oldJournals.add(copy);
      }
    }
    await(store.recordRemediated(remediation(id(1), NOW)));
    await(store.compact());
    Path image = crashImage(dir, images.resolve("a"));
    for (Path old : oldJournals) {
      Files.copy(old, image.resolve(old.getFileName().toString().substring(4)));
    }

    StateStore after = open(vertx, image);

    assertTrue(after.isRemediated(id(1)));
    assertTrue(after.pending().isEmpty(), after.pending()::toString);
    assertTrue(listing(image).stream().noneMatch(n -> n.equals("journal-00000001.jsonl")));
    await(after.close());
    await(store.close());
  }

  @Test
  @DisplayName("close compacts, and a store with nothing new does not rewrite its snapshot")
  void closeCompactsWhenWorthwhile(Vertx vertx) throws Exception {
    StateStore store = open(vertx, dir);
    await(store.recordRemediated(remediation(id(1), NOW)));
    await(store.close());
    assertEquals(
        List.of("checkpoint.json", "journal-00000002.jsonl", "ledger.snapshot", "state.lock"),
        listing(dir));
    var written = Files.getLastModifiedTime(dir.resolve("ledger.snapshot"));
    byte[] bytes = Files.readAllBytes(dir.resolve("ledger.snapshot"));

    StateStore idle = open(vertx, dir);
    await(idle.close());

    assertEquals(written, Files.getLastModifiedTime(dir.resolve("ledger.snapshot")));
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        bytes, Files.readAllBytes(dir.resolve("ledger.snapshot")));
  }
}
