package org.etdremediator.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import org.etdremediator.agent.SiteRecord;
import org.etdremediator.ledger.CycleSummary;
import org.etdremediator.sim.Endpoint;
import org.etdremediator.sim.Fault;
import org.etdremediator.sim.RecordedRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Calls that fail are retried within the cycle")
class RetryTest extends SiteTest {

  private void publish() {
    SiteRecord.publish(site, 11, 30, Duration.ofMinutes(40), true);
  }

  @Test
  @DisplayName("ETD search answering 503 twice: retried, every conviction remediated")
  void etdServerError(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 11, Endpoint.ETD_SEARCH, Fault.status(503), 2);
  }

  @Test
  @DisplayName("ETD search answering 429 twice: retried, every conviction remediated")
  void etdRateLimited(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 11, Endpoint.ETD_SEARCH, Fault.status(429), 2);
  }

  @Test
  @DisplayName("ETD search connection dropped twice: retried, every conviction remediated")
  void etdDropped(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 11, Endpoint.ETD_SEARCH, Fault.drop(), 2);
  }

  @Test
  @DisplayName("ETD search slower than etd.timeout: retried, every conviction remediated")
  void etdTimeout(VertxTestContext ctx) {
    harness.set("etd", "timeout", "300ms");
    survivesInOneCycle(ctx, 11, Endpoint.ETD_SEARCH, Fault.latency(Duration.ofMillis(1500)), 1);
  }

  @Test
  @DisplayName("ETD token call answering 503: retried, the search goes on")
  void etdTokenServerError(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 11, Endpoint.ETD_TOKEN, Fault.status(503), 2);
  }

  @Test
  @DisplayName("SMA remediation answering 503 twice: retried, remediated once")
  void smaServerError(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 11, Endpoint.SMA_REMEDIATION, Fault.status(503), 2);
  }

  @Test
  @DisplayName("SMA remediation answering 429 twice: retried, remediated once")
  void smaRateLimited(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 11, Endpoint.SMA_REMEDIATION, Fault.status(429), 2);
  }

  @Test
  @DisplayName("SMA remediation connection dropped twice: retried, remediated once")
  void smaDropped(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 11, Endpoint.SMA_REMEDIATION, Fault.drop(), 2);
  }

  @Test
  @DisplayName("SMA tracking slower than sma.timeout: retried, remediated once")
  void smaTrackingTimeout(VertxTestContext ctx) {
    harness.set("sma", "timeout", "300ms");
    survivesInOneCycle(ctx, 11, Endpoint.SMA_TRACKING, Fault.latency(Duration.ofMillis(1500)), 1);
  }

  @Test
  @DisplayName("SMA login answering 500: retried, remediated once")
  void smaLoginServerError(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 11, Endpoint.SMA_LOGIN, Fault.status(500), 1);
  }

  @Test
  @DisplayName("a Retry-After from the SMA is waited out before the next attempt")
  void honoursRetryAfter(VertxTestContext ctx) {
    publish();
    harness.set("sma", "concurrency", 1);
    site.sma().faults().next(Endpoint.SMA_REMEDIATION, Fault.status(429, Duration.ofSeconds(1)), 1);
    oneCycle()
        .onComplete(
            checked(
                ctx,
                summary -> {
                  SiteRecord.assertExactlyOnce(site);
                  List<RecordedRequest> calls =
                      site.sma().allRequests().stream()
                          .filter(r -> r.endpoint() == Endpoint.SMA_REMEDIATION)
                          .toList();
                  RecordedRequest refused = calls.get(0);
                  RecordedRequest retry =
                      calls.stream()
                          .skip(1)
                          .filter(r -> r.body().equals(refused.body()))
                          .findFirst()
                          .orElseThrow();
                  Duration waited = Duration.between(refused.at(), retry.at());
                  // The harness's backoff never waits more than 200 ms on its own.
                  assertTrue(
                      waited.compareTo(Duration.ofMillis(950)) >= 0,
                      "waited " + waited + " before the retry");
                }));
  }

  @Test
  @DisplayName("an SMA that keeps failing gets sma.maxAttempts calls a message, then it is pending")
  void smaAttemptsBounded(VertxTestContext ctx) {
    publish();
    harness.set("sma", "maxAttempts", 3);
    site.sma().faults().always(Endpoint.SMA_REMEDIATION, Fault.status(503));
    int must = site.mustRemediate().size();
    twoCycles(
            ctx,
            (agent, first) -> {
              assertEquals(must, first.pending(), "every conviction pending");
              assertEquals(
                  3L * must,
                  site.sma().allRequests().stream()
                      .filter(r -> r.endpoint() == Endpoint.SMA_REMEDIATION)
                      .count(),
                  "three attempts a message");
              assertNotNull(
                  agent.agent().store().checkpoint().searchedUntil(),
                  "the window is done: its messages are safely pending");
              assertEquals(must, agent.agent().store().pending().size());
              site.sma().faults().clear();
            })
        .onComplete(
            checked(
                ctx,
                second -> {
                  assertEquals(must, second.remediated(), "remediated in the next cycle");
                  SiteRecord.assertExactlyOnce(site);
                }));
  }

  @Test
  @DisplayName("an ETD search that keeps failing fails the cycle without moving the checkpoint")
  void etdFailureKeepsCheckpoint(VertxTestContext ctx) {
    publish();
    site.etd().faults().always(Endpoint.ETD_SEARCH, Fault.status(503));
    twoCycles(
            ctx,
            (agent, first) -> {
              assertFalse(first.ok(), "the cycle failed");
              assertNull(agent.agent().store().checkpoint().searchedUntil());
              site.etd().faults().clear();
            })
        .onComplete(
            checked(
                ctx,
                (CycleSummary second) -> {
                  assertTrue(second.ok(), "next cycle ok: " + second.error());
                  SiteRecord.assertExactlyOnce(site);
                }));
  }
}
