package org.etdremediator.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Measures the agent's throughput and delays against the simulators, each case side by side with a
 * one-request-at-a-time baseline, and prints the tables (also written to {@code
 * target/benchmark/throughput.md}). Tagged {@code benchmark}, so the build leaves it out unless
 * asked. It checks that every conviction was remediated exactly once, never how fast: that depends
 * on the machine.
 *
 * <p>{@code -Dbench.quick=true} runs one representative case (200 ms, concurrency 16, 1,000
 * convictions) and its baseline; {@code -Dbench.case=200,16,10000} runs one case of your choice
 * without a baseline, for profiling with {@code -Dbench.agentFlags=...}.
 */
@Tag("benchmark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThroughputBenchmarkTest {
  private static final long SEED = 20260304L;

  private Vertx vertx;
  private Path workDir;

  @BeforeAll
  void start() throws Exception {
    vertx = Vertx.vertx();
    workDir = Path.of("target", "benchmark", "runs").toAbsolutePath();
    // A state directory left by an earlier run would remember these convictions as remediated.
    Bench.deleteTree(workDir);
    Files.createDirectories(workDir);
  }

  @AfterAll
  void stop() throws Exception {
    CaseRunner.await(vertx.close());
  }

  @Test
  @DisplayName("throughput and delay of the agent against a one-at-a-time baseline")
  void throughput() throws Exception {
    boolean quick = Boolean.getBoolean("bench.quick");
    CaseRunner runner = new CaseRunner(vertx, workDir);
    String single = System.getProperty("bench.case", "").strip();
    Matrix matrix =
        !single.isEmpty() ? Matrix.single(single) : quick ? Matrix.quick() : Matrix.full();
    // Unmeasured: brings the simulators' JVM past its JIT warm-up, which is not the agent's cost.
    progress(runner.run(0, 64, 2_000, SEED + 1, false));
    List<CaseResult> results = new ArrayList<>();
    Map<Long, CaseResult> baselines = new LinkedHashMap<>();
    Map<Long, CaseResult> subsetAgents = new LinkedHashMap<>();
    for (Matrix.Baseline b : matrix.baselines()) {
      // The baseline and the agent read the same convictions: the same seed and count.
      baselines.put(
          b.latencyMs(), progress(runner.run(b.latencyMs(), 1, b.convictions(), SEED, true)));
      subsetAgents.put(
          b.latencyMs(), progress(runner.run(b.latencyMs(), 16, b.convictions(), SEED, true)));
    }
    for (Matrix.Case c : matrix.cases()) {
      results.add(
          progress(runner.run(c.latencyMs(), c.concurrency(), c.convictions(), SEED, c.warm())));
    }
    String report = Report.render(matrix, results, baselines, subsetAgents);
    System.out.println(report);
    String name = !single.isEmpty() ? "single.md" : quick ? "quick.md" : "throughput.md";
    Files.writeString(workDir.getParent().resolve(name), report);
    for (CaseResult r : results) {
      assertTrue(r.exactlyOnce(), "every conviction remediated exactly once: " + r);
    }
  }

  private static CaseResult progress(CaseResult r) {
    System.out.printf(
        "bench: %d ms, concurrency %d, %,d convictions: %.1f s, %.1f/s, p50 %.0f ms, cpu %.2f s"
            + " (threads %.2f s, jit %.2f s), heap %.0f MB, etd %d requests (%d refused) %.0f/s,"
            + " simulators cpu %.2f s, %s%n",
        r.latencyMs(),
        r.concurrency(),
        r.convictions(),
        r.seconds(),
        r.perSecond(),
        r.p50Ms(),
        r.cpuCycleSeconds(),
        r.threadsCycleSeconds(),
        r.compileCycleSeconds(),
        r.peakHeapMb(),
        r.etdRequests(),
        r.etdRefused(),
        r.etdMessagesPerSecond(),
        r.simulatorCpuSeconds(),
        r.exactlyOnce() ? "exactly once" : "NOT EXACTLY ONCE");
    return r;
  }
}
