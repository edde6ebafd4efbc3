package org.etdremediator.agent;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import org.etdremediator.demo.SimulatedSite;
import org.etdremediator.sim.EtdSimulator;
import org.etdremediator.sim.SmaSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests that run the real agent against a simulated site started afresh for each test, with an
 * agent harness pointed at it.
 */
@ExtendWith(VertxExtension.class)
public abstract class OnSite {
  @TempDir protected Path dir;
  protected SimulatedSite site;
  protected AgentHarness harness;

  protected EtdSimulator.Options etdOptions() {
    return EtdSimulator.Options.defaults().withoutRateLimit();
  }

  protected SmaSimulator.Options smaOptions() {
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
}
