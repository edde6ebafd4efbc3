package org.etdremediator.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.etdremediator.agent.SiteRecord;
import org.etdremediator.ledger.StateReport;
import org.etdremediator.ledger.StateStore;
import org.etdremediator.sim.Endpoint;
import org.etdremediator.sim.Fault;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Work that could not be done in a cycle is kept and done later")
class PendingWorkTest extends SiteTest {

  /** A loopback URL on which nothing listens: every connection is refused. */
  static String refusingUrl() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  @Test
  @DisplayName("an SMA down across cycles and a restart means a late remediation, not a lost one")
  void smaDownThenBack(Vertx vertx, VertxTestContext ctx) throws IOException {
    SiteRecord.publish(site, 21, 30, Duration.ofMinutes(40), true);
    int must = site.mustRemediate().size();
    String smaUrl = site.sma().baseUrl();
    harness.set("sma", "baseUrl", refusingUrl());
    withAgent(agent -> SiteRecord.cycles(agent, 2))
        .compose(
            second -> {
              ctx.verify(
                  () -> {
                    assertFalse(second.ok(), "a cycle with the SMA down is not a good one");
                    assertTrue(second.error().contains("SMA call"), second.error());
                    assertEquals(must, second.pending(), "every conviction pending");
                  });
              return StateStore.inspect(vertx, harness.stateDir());
            })
        .compose(
            (StateReport onDisk) -> {
              ctx.verify(
                  () -> {
                    assertEquals(must, onDisk.pending().size(), "pending items on disk");
                    assertTrue(onDisk.checkpoint().searchedUntil() != null, "checkpoint moved");
                  });
              harness.set("sma", "baseUrl", smaUrl);
              return oneCycle();
            })
        .onComplete(
            checked(
                ctx,
                back -> {
                  assertEquals(must, back.remediated(), "remediated once the SMA is back");
                  SiteRecord.assertExactlyOnce(site);
                }));
  }

  @Test
  @DisplayName("after sma.giveUpAfter a message is recorded failed: ERROR, audit line, counted")
  void givesUpAfterGiveUpAfter(VertxTestContext ctx) {
    SiteRecord.publish(site, 22, 12, Duration.ofMinutes(40), true);
    int must = site.mustRemediate().size();
    harness.set("sma", "giveUpAfter", "300ms").set("sma", "maxAttempts", 2);
    site.sma().faults().always(Endpoint.SMA_REMEDIATION, Fault.status(503));
    LogCapture log = new LogCapture("org.etdremediator.agent.Remediator");
    int[] failedSoFar = {0};
    withAgent(
            agent ->
                SiteRecord.cyclesUntil(agent, s -> (failedSoFar[0] += s.failed()) >= must, 40)
                    .compose(
                        last -> {
                          ctx.verify(
                              () -> {
                                assertEquals(must, failedSoFar[0], "counted in the summaries");
                                assertEquals(must, agent.agent().store().failed().size());
                                assertTrue(agent.agent().store().pending().isEmpty());
                              });
                          site.sma().faults().clear();
                          return agent.runCycle();
                        }))
        .onComplete(
            checked(
                ctx,
                after -> {
                  log.close();
                  List<String> errors = log.at(Level.ERROR);
                  assertEquals(must, errors.size(), "one ERROR a message: " + errors);
                  assertTrue(errors.get(0).contains("giving up"), errors.get(0));
                  long audited =
                      SiteRecord.audit(harness.stateDir()).stream()
                          .filter(e -> "failed".equals(e.getString("outcome")))
                          .count();
                  assertEquals(must, audited, "a failed line a message in the audit log");
                  assertEquals(0, site.sma().remediations().size(), "a failed item is not retried");
                }));
  }

  @Test
  @DisplayName("a search that fails part way: the pages read are done, the checkpoint stays put")
  void searchFailsPartWay(VertxTestContext ctx) {
    SiteRecord.publish(site, 23, 40, Duration.ofMinutes(40), true);
    harness.set("etd", "pageSize", 10).set("sma", "maxAttempts", 2).set("sma", "concurrency", 2);
    // The first page is served; every later attempt at the second page fails.
    site.etd().faults().next(Endpoint.ETD_SEARCH, Fault.latency(Duration.ZERO), 1);
    site.etd().faults().next(Endpoint.ETD_SEARCH, Fault.status(503), 3);
    // Slow remediations are still running when the search gives up on the second page.
    site.sma().faults().always(Endpoint.SMA_REMEDIATION, Fault.latency(Duration.ofMillis(150)));
    twoCycles(
            ctx,
            (agent, first) -> {
              assertFalse(first.ok(), "the cycle failed");
              assertEquals(0, site.sma().inFlight(), "its calls ended with the cycle");
              assertNull(agent.agent().store().checkpoint().searchedUntil());
              Set<String> recorded =
                  site.published().keySet().stream()
                      .filter(agent.agent().store()::isRemediated)
                      .collect(Collectors.toSet());
              assertEquals(
                  SiteRecord.remediationCounts(site).keySet(),
                  recorded,
                  "every remediation the SMA accepted is in the ledger");
              assertFalse(recorded.isEmpty(), "the first page was remediated");
            })
        .onComplete(
            checked(
                ctx,
                second -> {
                  assertTrue(second.ok(), "next cycle ok: " + second.error());
                  SiteRecord.assertExactlyOnce(site);
                }));
  }
}
