package org.etdremediator.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.etdremediator.demo.SimulatedSite;
import org.etdremediator.etd.ConvictionParser;
import org.etdremediator.sim.Endpoint;
import org.etdremediator.sim.EtdSimulator;
import org.etdremediator.sim.RecordedRequest;
import org.etdremediator.sim.SmaSimulator;

/**
 * Runs one case: fresh simulators in this JVM (ETD at its real 2 requests a second in bursts of 4,
 * the SMA at a set remediation latency), the agent in a child JVM on a fresh state directory, one
 * cycle over every conviction. The convictions are published once the agent is up, and the cycle
 * starts at once after.
 */
final class CaseRunner {
  private static final long CASE_TIMEOUT_SECONDS = 900;

  private final Vertx vertx;
  private final Path workDir;
  private int runs;

  CaseRunner(Vertx vertx, Path workDir) {
    this.vertx = vertx;
    this.workDir = workDir;
  }

  CaseResult run(long latencyMs, int concurrency, int convictions, long seed, boolean warm)
      throws Exception {
    Path dir = Files.createDirectories(workDir.resolve(String.format("case-%02d", ++runs)));
    SimulatedSite site =
        await(
            SimulatedSite.start(
                vertx,
                EtdSimulator.Options.defaults(),
                SmaSimulator.Options.defaults()
                    .withRemediationLatency(Duration.ofMillis(latencyMs))));
    try {
      Path config =
          SimulatedSite.writeConfig(dir.resolve("agent.yaml"), config(site, dir, concurrency));
      try (ChildAgent agent =
          ChildAgent.start(config, true, warm, dir.resolve("agent.log"), List.of())) {
        if (warm) {
          agent.await("warm", 300);
        }
        agent.await("ready", 120);
        long simCpuBefore = processCpuNanos();
        List<JsonObject> messages = BenchConvictions.generate(seed, convictions, Instant.now());
        Instant published = Instant.now();
        site.publish(messages, true);
        agent.go();
        Map<String, String> done = agent.await("done", CASE_TIMEOUT_SECONDS);
        Instant finished = Instant.now();
        double simCpu = (processCpuNanos() - simCpuBefore) / 1e9;
        Map<String, String> result = agent.await("result", 120);
        agent.waitForExit(60);
        if (!Boolean.parseBoolean(done.get("ok"))) {
          throw new IllegalStateException(
              "the agent's cycle failed; see " + dir.resolve("agent.log"));
        }
        writeTimeline(dir.resolve("requests.csv"), site, published);
        return measure(
            site, messages, published, finished, warm, latencyMs, concurrency, result, simCpu);
      }
    } finally {
      await(site.close());
    }
  }

  private static JsonObject config(SimulatedSite site, Path dir, int concurrency) {
    JsonObject tree = site.config(dir.resolve("state"));
    tree.getJsonObject("etd")
        .put("pageSize", 100)
        .put("requestsPerSecond", 2)
        .put("timeout", "30s");
    tree.getJsonObject("sma")
        .put("concurrency", concurrency)
        .put("timeout", "30s")
        .put("maxAttempts", 5);
    tree.getJsonObject("schedule").put("searchLag", "1s").put("initialLookback", "1h");
    return tree;
  }

  private static CaseResult measure(
      SimulatedSite site,
      List<JsonObject> messages,
      Instant published,
      Instant finished,
      boolean warm,
      long latencyMs,
      int concurrency,
      Map<String, String> result,
      double simCpu) {
    Map<String, Integer> accepted = new HashMap<>();
    List<Long> delays = new ArrayList<>();
    for (SmaSimulator.AcceptedRemediation r : site.sma().remediations()) {
      accepted.merge(r.message().getString("message_id"), 1, Integer::sum);
      delays.add(Duration.between(published, r.acceptedAt()).toMillis());
    }
    boolean exactlyOnce =
        accepted.size() == messages.size()
            && accepted.values().stream().allMatch(n -> n == 1)
            && messages.stream()
                .allMatch(
                    m ->
                        accepted.containsKey(
                            ConvictionParser.normaliseMessageId(m.getString("internetMessageId"))));
    long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();

    List<RecordedRequest> etdAll = site.etd().allRequests();
    // The last page that carries messages; the retro search after it finds none.
    List<Instant> pages =
        site.etd().requests().stream()
            .filter(r -> r.endpoint() == Endpoint.ETD_SEARCH)
            .map(RecordedRequest::at)
            .sorted()
            .toList();
    int full = (messages.size() + 99) / 100;
    Instant lastPage = pages.isEmpty() ? published : pages.get(Math.min(full, pages.size()) - 1);
    double etdSeconds = Math.max(0.001, Duration.between(published, lastPage).toMillis() / 1000.0);

    return new CaseResult(
        warm,
        latencyMs,
        concurrency,
        messages.size(),
        Duration.between(published, finished).toMillis() / 1000.0,
        percentile(sorted, 50),
        percentile(sorted, 95),
        percentile(sorted, 99),
        etdAll.size(),
        etdAll.size() - site.etd().requests().size(),
        messages.size() / etdSeconds,
        Long.parseLong(result.get("cpuCycleMs")) / 1000.0,
        Long.parseLong(result.get("threadsCycleMs")) / 1000.0,
        Long.parseLong(result.get("compileCycleMs")) / 1000.0,
        Long.parseLong(result.get("cpuTotalMs")) / 1000.0,
        Long.parseLong(result.get("peakHeapBytes")),
        site.sma().peakInFlight(),
        simCpu,
        exactlyOnce);
  }

  /** Every request either simulator received, in ms since publication: for finding out why. */
  private static void writeTimeline(Path file, SimulatedSite site, Instant published)
      throws java.io.IOException {
    List<String> lines = new ArrayList<>();
    lines.add("ms,endpoint");
    List<RecordedRequest> all = new ArrayList<>(site.etd().allRequests());
    all.addAll(site.sma().allRequests());
    all.sort(java.util.Comparator.comparing(RecordedRequest::at));
    for (RecordedRequest r : all) {
      lines.add(Duration.between(published, r.at()).toMillis() + "," + r.endpoint());
    }
    Files.write(file, lines);
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The nearest-rank percentile. */
  static double percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
