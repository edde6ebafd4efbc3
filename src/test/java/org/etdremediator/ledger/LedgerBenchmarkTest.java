package org.etdremediator.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the ledger at a million ids and prints the numbers. Run on demand: {@code mvn test
 * -Dtest=LedgerBenchmarkTest -Dsurefire.excludedGroups=}. It asserts nothing about time, which
 * depends on the machine.
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
    SnapshotFile.Contents loaded = SnapshotFile.read(dir.resolve(SnapshotFile.NAME));
    long t3 = System.nanoTime();
    assertEquals(IDS, loaded.state().remediated.size());
    assertEquals(null, loaded.problem());

    System.out.printf(
        "ledger benchmark, %,d ids:%n"
            + "  heap for the id table     %6.1f MB (%.1f bytes an id)%n"
            + "  snapshot image copy       %6d ms%n"
            + "  snapshot write + fsync    %6d ms (%,d bytes)%n"
            + "  snapshot load + checksum  %6d ms%n",
        IDS,
        (heapAfter - heapBefore) / 1e6,
        (heapAfter - heapBefore) / (double) IDS,
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000,
        Files.size(dir.resolve(SnapshotFile.NAME)),
        (t3 - t2) / 1_000_000);
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
