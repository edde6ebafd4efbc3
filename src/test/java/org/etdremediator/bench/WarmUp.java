package org.etdremediator.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.etdremediator.cli.AgentProcess;
import org.etdremediator.config.ConfigSource;
import org.etdremediator.config.ConfigWatcher;
import org.etdremediator.demo.SimulatedSite;
import org.etdremediator.net.Backoff;
import org.etdremediator.sim.EtdSimulator;
import org.etdremediator.sim.SmaSimulator;

/**
 * Runs a throw-away agent over a few thousand convictions against simulators inside the agent's
 * JVM, with no rate limit and no latency, so that the JIT compiler has done its work before the
 * measured agent starts.
 */
final class WarmUp {
  private static final int CONVICTIONS = 2_000;

  private WarmUp() {}

  static void run(Vertx vertx) throws Exception {
    Path dir = Files.createTempDirectory("etd-remediator-warm-up");
    SimulatedSite site =
        AgentChildMain.await(
            SimulatedSite.start(
                vertx,
                EtdSimulator.Options.defaults().withoutRateLimit(),
                SmaSimulator.Options.defaults()));
    try {
      site.publish(BenchConvictions.generate(7, CONVICTIONS, Instant.now()), true);
      JsonObject tree = site.config(dir.resolve("state"));
      tree.getJsonObject("etd").put("pageSize", 100).put("requestsPerSecond", 50);
      tree.getJsonObject("sma").put("concurrency", 16);
      Path config = SimulatedSite.writeConfig(dir.resolve("agent.yaml"), tree);
      ConfigSource source = new ConfigSource(Map.of(), null, dir, "warm-up.example.com");
      AgentProcess agent =
          AgentChildMain.await(
              AgentProcess.start(
                  vertx,
                  config,
                  new AgentProcess.Options(
                      false,
                      false,
                      source,
                      Backoff.standard(),
                      ConfigWatcher.DEFAULT_SCAN_PERIOD)));
      AgentChildMain.await(agent.runCycle());
      AgentChildMain.await(agent.stop());
    } finally {
      AgentChildMain.await(site.close());
      Bench.deleteTree(dir);
    }
  }
}
