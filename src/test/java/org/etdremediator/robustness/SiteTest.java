package org.etdremediator.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.etdremediator.agent.OnSite;
import org.etdremediator.agent.SiteRecord;
import org.etdremediator.cli.AgentProcess;
import org.etdremediator.ledger.Checkpoint;
import org.etdremediator.ledger.CycleSummary;
import org.etdremediator.ledger.StateStore;
import org.etdremediator.sim.Endpoint;
import org.etdremediator.sim.Fault;

/** A simulated site started before each test and an agent harness pointed at it. */
abstract class SiteTest extends OnSite {
  /** Writes a checkpoint into the agent's state directory, as an earlier run would have left it. */
  Future<Void> seed(Vertx vertx, Checkpoint checkpoint) {
    return StateStore.open(vertx, harness.stateDir(), Duration.ofDays(14), Clock.systemUTC())
        .compose(store -> store.saveCheckpoint(checkpoint).eventually(store::close));
  }

  /** A phishing conviction of a message for alice, published to ETD and SMA tracking. */
  JsonObject publishConviction(Instant received, Instant verdictAt, boolean retro) {
    return publishConviction(received, verdictAt, retro, true);
  }

  /** A phishing conviction for alice, in SMA tracking at once only when {@code tracked}. */
  JsonObject publishConviction(
      Instant received, Instant verdictAt, boolean retro, boolean tracked) {
    JsonObject message = conviction(received, verdictAt, retro);
    site.publish(List.of(message), tracked);
    return message;
  }

  /** A phishing conviction of a message for alice, in ETD's JSON shape. */
  static JsonObject conviction(Instant received, Instant verdictAt, boolean retro) {
    String local = UUID.randomUUID().toString();
    return new JsonObject()
        .put("id", UUID.randomUUID().toString())
        .put("timestamp", received.toString())
        .put("direction", "incoming")
        .put("fromAddress", "payroll@payroll-update.test")
        .put("mailboxes", new JsonArray().add("alice@example.com"))
        .put("internetMessageId", "<" + local + "@mail.payroll-update.test>")
        .put("subject", "Payroll change confirmation")
        .put(
            "verdict",
            new JsonObject()
                .put("category", "phishing")
                .put("latestVerdict", "phishing")
                .put("isRetroVerdict", retro)
                .put("timestamp", verdictAt.toString()))
        .put("action", new JsonObject());
  }

  /** Injects {@code times} faults on one endpoint and expects one clean cycle anyway. */
  void survivesInOneCycle(
      VertxTestContext ctx, long seed, Endpoint endpoint, Fault fault, int times) {
    SiteRecord.publish(site, seed, 30, Duration.ofMinutes(40), true);
    (endpoint.name().startsWith("ETD") ? site.etd().faults() : site.sma().faults())
        .next(endpoint, fault, times);
    oneCycle()
        .onComplete(
            checked(
                ctx,
                summary -> {
                  assertTrue(summary.ok(), "cycle ok: " + summary.error());
                  assertEquals(0, summary.pending(), "nothing left pending");
                  SiteRecord.assertExactlyOnce(site);
                  int injected = site.etd().faults().injected() + site.sma().faults().injected();
                  assertEquals(times, injected, "faults applied");
                }));
  }

  /** What a test checks on a result; an assertion failing in it fails the test. */
  interface Check<T> {
    void accept(T value) throws Throwable;
  }

  /** Completes the test once {@code check} passes on the result; a failed result fails it. */
  static <T> Handler<AsyncResult<T>> checked(VertxTestContext ctx, Check<T> check) {
    return ctx.succeeding(
        value ->
            ctx.verify(
                () -> {
                  check.accept(value);
                  ctx.completeNow();
                }));
  }

  /** Starts an agent, runs one cycle and stops the agent; the future holds the cycle's summary. */
  Future<CycleSummary> oneCycle() {
    return withAgent(AgentProcess::runCycle);
  }

  /** What a test checks on the agent and its first cycle, and changes before the second. */
  interface Between {
    void accept(AgentProcess agent, CycleSummary first) throws Throwable;
  }

  /**
   * Runs a cycle, checks it and changes the site with {@code between}, then runs a second cycle and
   * stops the agent; the future holds the second cycle's summary.
   */
  Future<CycleSummary> twoCycles(VertxTestContext ctx, Between between) {
    return withAgent(
        agent ->
            agent
                .runCycle()
                .compose(
                    first -> {
                      ctx.verify(() -> between.accept(agent, first));
                      return agent.runCycle();
                    }));
  }

  /** Starts an agent that runs cycles when asked, runs {@code work} on it, then stops it. */
  <T> Future<T> withAgent(Function<AgentProcess, Future<T>> work) {
    return harness.startOnce().compose(agent -> work.apply(agent).eventually(agent::stop));
  }
}
