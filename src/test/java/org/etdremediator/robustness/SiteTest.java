package org.etdremediator.robustness;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.function.Function;
import org.etdremediator.agent.AgentHarness;
import org.etdremediator.cli.AgentProcess;
import org.etdremediator.demo.SimulatedSite;
import org.etdremediator.sim.EtdSimulator;
import org.etdremediator.sim.SmaSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A simulated site started before each test and an agent harness pointed at it. */
@ExtendWith(VertxExtension.class)
abstract class SiteTest {
  @TempDir Path dir;
  SimulatedSite site;
  AgentHarness harness;

  EtdSimulator.Options etdOptions() {
    return EtdSimulator.Options.defaults().withoutRateLimit();
  }

  SmaSimulator.Options smaOptions() {
    return SmaSimulator.Options.defaults();
  }

  @BeforeEach
  void startSite(Vertx vertx, VertxTestContext ctx) {
    SimulatedSite.start(vertx, etdOptions(), smaOptions())
        .onComplete(
            ctx.succeeding(
                s -> {
                  site = s;
                  harness = new AgentHarness(vertx, site, dir);
                  ctx.completeNow();
                }));
  }

  @AfterEach
  void stopSite(VertxTestContext ctx) {
    site.close().onComplete(ctx.succeedingThenComplete());
  }

  /** Starts an agent that runs cycles when asked, runs {@code work} on it, then stops it. */
  <T> Future<T> withAgent(Function<AgentProcess, Future<T>> work) {
    return harness.startOnce().compose(agent -> work.apply(agent).eventually(agent::stop));
  }
}
