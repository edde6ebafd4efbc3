package org.etdremediator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.etdremediator.demo.SimulatedSite;
import org.etdremediator.ledger.Remediation;
import org.etdremediator.ledger.StateStore;
import org.etdremediator.sim.EtdSimulator;
import org.etdremediator.sim.SmaSimulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long an agent takes from the start of its JVM to its first cycle when its state directory
 * remembers a million remediated ids, and what heap it holds then. The directory is filled through
 * {@link StateStore}, as the agent fills it; the agent runs in a fresh JVM of its own, as after a
 * restart. Tagged {@code benchmark}: the build leaves it out unless asked.
 */
@Tag("benchmark")
class LedgerStartupBenchmarkTest {
  private static final int IDS = 1_000_000;
  private static final int BATCH = 50_000;

  @Test
  @DisplayName("start to first cycle with a million remembered ids")
  void startWithAMillionIds() throws Exception {
    Path dir = Path.of("target", "benchmark", "ledger-start").toAbsolutePath();
    Bench.deleteTree(dir);
    Files.createDirectories(dir);
    Vertx vertx = Vertx.vertx();
    try {
      long fillStart = System.nanoTime();
      fill(vertx, dir.resolve("state"));
      double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
      long snapshotBytes = Files.size(dir.resolve("state").resolve("ledger.snapshot"));

      SimulatedSite site =
          CaseRunner.await(
              SimulatedSite.start(
                  vertx, EtdSimulator.Options.defaults(), SmaSimulator.Options.defaults()));
      try {
        JsonObject tree = site.config(dir.resolve("state"));
        tree.getJsonObject("etd").put("pageSize", 100);
        Path config = SimulatedSite.writeConfig(dir.resolve("agent.yaml"), tree);
        try (ChildAgent agent =
            ChildAgent.start(config, false, false, dir.resolve("agent.log"), List.of())) {
          Map<String, String> ready = agent.await("ready", 300);
          Map<String, String> done = agent.await("done", 300);
          Map<String, String> result = agent.await("result", 120);
          assertEquals(0, agent.waitForExit(120));
          String report =
              String.format(
                  "### Start with a million remembered ids (fresh JVM, -Xmx512m)%n%n"
                      + "| measure | value |%n|---|---|%n"
                      + "| filling the state directory through StateStore (journal, then"
                      + " snapshot) | %.1f s |%n"
                      + "| snapshot on disk | %.1f MB |%n"
                      + "| JVM start to agent ready (state loaded) | %.2f s |%n"
                      + "| JVM start to end of first cycle | %.2f s |%n"
                      + "| first cycle | %.2f s |%n"
                      + "| heap held after a full GC, agent and million ids loaded | %.0f MB |%n"
                      + "| peak heap (sum of pool peaks) | %.0f MB |%n",
                  fillSeconds,
                  snapshotBytes / 1e6,
                  Long.parseLong(ready.get("sinceJvmStartMs")) / 1000.0,
                  Long.parseLong(done.get("sinceJvmStartMs")) / 1000.0,
                  Long.parseLong(done.get("cycleMs")) / 1000.0,
                  Long.parseLong(result.get("heldAfterGcBytes")) / (1024.0 * 1024.0),
                  Long.parseLong(result.get("peakHeapBytes")) / (1024.0 * 1024.0));
          System.out.println(report);
          Files.writeString(dir.getParent().resolve("ledger-start.md"), report);
          assertEquals("true", done.get("ok"));
        }
      } finally {
        CaseRunner.await(site.close());
      }
    } finally {
      CaseRunner.await(vertx.close());
    }
  }

  /** A million remediations recorded as the agent records them, then compacted by closing. */
  private static void fill(Vertx vertx, Path stateDir) throws Exception {
    Instant now = Instant.now();
    Random random = new Random(3);
    StateStore store =
        CaseRunner.await(StateStore.open(vertx, stateDir, Duration.ofDays(14), Clock.systemUTC()));
    for (int done = 0; done < IDS; done += BATCH) {
      List<Future<Void>> batch = new ArrayList<>(BATCH);
      for (int i = done; i < done + BATCH; i++) {
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        batch.add(
            store.recordRemediated(
                new Remediation(id, now.minusSeconds(i), "phishing", "fwdDelete", 202, 1)));
      }
      CaseRunner.await(Future.all(batch));
    }
    assertEquals(IDS, store.remediatedCount());
    CaseRunner.await(store.close());
  }
}
