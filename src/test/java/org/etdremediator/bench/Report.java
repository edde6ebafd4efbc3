package org.etdremediator.bench;

import java.util.List;
import java.util.Map;

/** The benchmark's tables, in Markdown. */
final class Report {
  /** Stands in for a baseline that was not run: its ratios come out as NaN. */
  private static final CaseResult NONE =
      new CaseResult(true, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false);

  private Report() {}

  static String render(
      Matrix matrix,
      List<CaseResult> results,
      Map<Long, CaseResult> baselines,
      Map<Long, CaseResult> subsetAgents) {
    StringBuilder out = new StringBuilder();
    out.append("### Throughput and delay, one `once` cycle over every conviction\n\n");
    out.append(
        "| SMA latency | concurrency | convictions | JVM | took | remediations/s | x baseline |"
            + " of allowed | p50 | p95 | p99 | baseline would take | ETD requests (refused) |"
            + " ETD msgs/s | agent CPU | CPU /1,000 | Java threads /1,000 | JIT time |"
            + " agent CPU incl. start | peak heap | peak in flight | simulators CPU |"
            + " exactly once |\n");
    out.append("|" + "---|".repeat(23) + "\n");
    for (CaseResult r : results) {
      CaseResult b = baselines.getOrDefault(r.latencyMs(), NONE);
      out.append(
          String.format(
              "| %d ms | %d | %,d | %s | %.1f s | %.1f | %.1f | %.2f | %s | %s | %s | %s | %d (%d) |"
                  + " %.0f | %.2f s | %.2f s | %.2f s | %.1f s | %.2f s | %.0f MB | %d | %.1f s |"
                  + " %s |%n",
              r.latencyMs(),
              r.concurrency(),
              r.convictions(),
              r.warm() ? "warm" : "cold",
              r.seconds(),
              r.perSecond(),
              r.perSecond() / b.perSecond(),
              r.perSecond() / r.allowed(),
              seconds(r.p50Ms()),
              seconds(r.p95Ms()),
              seconds(r.p99Ms()),
              minutes(r.convictions() / b.perSecond()),
              r.etdRequests(),
              r.etdRefused(),
              r.etdMessagesPerSecond(),
              r.cpuCycleSeconds(),
              r.cpuPerThousand(),
              r.threadsPerThousand(),
              r.compileCycleSeconds(),
              r.cpuTotalSeconds(),
              r.peakHeapMb(),
              r.peakInFlight(),
              r.simulatorCpuSeconds(),
              r.exactlyOnce() ? "yes" : "NO"));
    }
    out.append(
        "\n### Side by side on the same convictions: baseline (concurrency 1) and agent"
            + " (concurrency 16)\n\n");
    out.append(
        "| SMA latency | convictions | run | took | remediations/s | p50 | p95 | p99 |"
            + " agent CPU | peak heap | exactly once |\n");
    out.append("|" + "---|".repeat(11) + "\n");
    for (Matrix.Baseline m : matrix.baselines()) {
      CaseResult b = baselines.get(m.latencyMs());
      CaseResult a = subsetAgents.get(m.latencyMs());
      out.append(subsetRow(b, "baseline"));
      out.append(subsetRow(a, "agent"));
      out.append(
          String.format(
              "| %d ms | %,d | ratio baseline/agent | %.1f | %.1f (agent/baseline) | %.1f |"
                  + " %.1f | %.1f | %.2f | %.2f | |%n",
              m.latencyMs(),
              m.convictions(),
              b.seconds() / a.seconds(),
              a.perSecond() / b.perSecond(),
              b.p50Ms() / a.p50Ms(),
              b.p95Ms() / a.p95Ms(),
              b.p99Ms() / a.p99Ms(),
              b.cpuCycleSeconds() / a.cpuCycleSeconds(),
              b.peakHeapMb() / a.peakHeapMb()));
    }
    return out.toString();
  }

  private static String subsetRow(CaseResult r, String run) {
    return String.format(
        "| %d ms | %,d | %s | %.1f s | %.1f | %s | %s | %s | %.2f s | %.0f MB | %s |%n",
        r.latencyMs(),
        r.convictions(),
        run,
        r.seconds(),
        r.perSecond(),
        seconds(r.p50Ms()),
        seconds(r.p95Ms()),
        seconds(r.p99Ms()),
        r.cpuCycleSeconds(),
        r.peakHeapMb(),
        r.exactlyOnce() ? "yes" : "NO");
  }

  private static String seconds(double millis) {
    return String.format("%.2f s", millis / 1000.0);
  }

  private static String minutes(double seconds) {
    return seconds < 120
        ? String.format("%.0f s", seconds)
        : String.format("%.1f min", seconds / 60);
  }
}
