package org.etdremediator.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The cases the throughput benchmark runs. A one-at-a-time baseline over 10,000 convictions at 500
 * ms would take 83 minutes, so each latency's baseline runs on a subset sized to take about 30
 * seconds; its rate is steady (one call after another), which is what the ratios divide by.
 */
record Matrix(List<Baseline> baselines, List<Case> cases) {

  /** The baseline for one latency: concurrency 1 over the first {@code convictions}. */
  record Baseline(long latencyMs, int convictions) {}

  /** One measured run; {@code warm} when the agent's JVM warms up first. */
  record Case(long latencyMs, int concurrency, int convictions, boolean warm) {
    Case(long latencyMs, int concurrency, int convictions) {
      this(latencyMs, concurrency, convictions, true);
    }
  }

  static final long[] LATENCIES = {50, 200, 500};

  static Matrix full() {
    List<Baseline> baselines = new ArrayList<>();
    for (long latency : LATENCIES) {
      baselines.add(baseline(latency));
    }
    List<Case> cases = new ArrayList<>();
    for (long latency : LATENCIES) {
      for (int concurrency : new int[] {4, 16, 64}) {
        cases.add(new Case(latency, concurrency, 1_000));
      }
    }
    // The representative case once more in a fresh JVM, as a first cycle after a start runs.
    cases.add(new Case(200, 16, 1_000, false));
    // Concurrency 4 over 10,000 would need 200 to 1,250 s, and 16 at 500 ms 312 s: left out.
    cases.add(new Case(50, 16, 10_000));
    cases.add(new Case(50, 64, 10_000));
    cases.add(new Case(200, 16, 10_000));
    cases.add(new Case(200, 64, 10_000));
    cases.add(new Case(500, 64, 10_000));
    return new Matrix(baselines, cases);
  }

  static Matrix quick() {
    return new Matrix(List.of(baseline(200)), List.of(new Case(200, 16, 1_000)));
  }

  /** One case without its baseline, for profiling: {@code latencyMs,concurrency,convictions}. */
  static Matrix single(String spec) {
    String[] parts = spec.split(",");
    return new Matrix(
        List.of(),
        List.of(
            new Case(
                Long.parseLong(parts[0].strip()),
                Integer.parseInt(parts[1].strip()),
                Integer.parseInt(parts[2].strip()))));
  }

  private static Baseline baseline(long latencyMs) {
    return new Baseline(latencyMs, (int) Math.max(60, Math.min(1_000, 30_000 / latencyMs)));
  }
}
