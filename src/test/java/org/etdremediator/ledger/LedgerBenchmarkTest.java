package org.etdremediator.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the ledger at a million ids and prints the numbers. The build leaves the {@code
 * benchmark} group out, so this runs only where that exclusion is lifted. It asserts nothing about
 * time, which depends on the machine.
 */
@Tag("benchmark")
class LedgerBenchmarkTest {

  private static final int IDS = 1_000_000;

  @TempDir Path dir;

  @Test
  @DisplayName("a million remediated ids: heap, snapshot write and load times")
  void millionIds() throws Exception {
    Instant now = Instant.parse("2025-06-01T12:00:00Z");
    Random random = new Random(1);
    long heapBefore = usedHeap();
    LedgerState state = new LedgerState(0);
    for (int i = 0; i < IDS; i++) {
      String id = new UUID(random.nextLong(), random.nextLong()).toString();
      state.remediated(new Remediation(id, now.minusSeconds(i), "phishing", "fwdDelete", 202, 1));
    }
    long heapAfter = usedHeap();
    assertEquals(IDS, state.remediated.size());

    long t0 = System.nanoTime();
    SnapshotImage image = state.image(1, now);
    long t1 = System.nanoTime();
    SnapshotFile.write(dir, image);
    long t2 = System.nanoTime();
    // A store opens a used directory only together with the checkpoint that records its snapshot.
    CheckpointFile.write(dir, CheckpointFile.encode(Checkpoint.empty(), 1, 1));
    Files.createFile(dir.resolve("journal-00000001.jsonl"));
    SnapshotFile.Contents loaded = SnapshotFile.read(dir.resolve(SnapshotFile.NAME));
    long t3 = System.nanoTime();
    long snapshotBytes = Files.size(dir.resolve(SnapshotFile.NAME));
    assertEquals(IDS, loaded.state().remediated.size());
    assertEquals(null, loaded.problem());

    Vertx vertx = Vertx.vertx();
    long t4 = System.nanoTime();
    StateStore store =
        StateFixtures.await(StateStore.open(vertx, dir, Duration.ofDays(3650), Clock.systemUTC()));
    long t5 = System.nanoTime();
    List<Future<Void>> burst = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      burst.add(
          store.recordRemediated(
              new Remediation(UUID.randomUUID().toString(), now, "bec", "delete", 202, 1)));
    }
    StateFixtures.await(Future.all(burst));
    long t6 = System.nanoTime();
    long syncs = store.journalSyncs();
    StateFixtures.await(store.close());
    StateFixtures.await(vertx.close());

    System.out.printf(
        "ledger benchmark, %,d ids:%n"
            + "  heap for the id table     %6.1f MB (%.1f bytes an id)%n"
            + "  snapshot image copy       %6d ms%n"
            + "  snapshot write + fsync    %6d ms (%,d bytes)%n"
            + "  snapshot load + checksum  %6d ms%n"
            + "  StateStore.open           %6d ms%n"
            + "  10,000 records, durable   %6d ms (%d syncs)%n",
        IDS,
        (heapAfter - heapBefore) / 1e6,
        (heapAfter - heapBefore) / (double) IDS,
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000,
        snapshotBytes,
        (t3 - t2) / 1_000_000,
        (t5 - t4) / 1_000_000,
        (t6 - t5) / 1_000_000,
        syncs);
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
