package org.etdremediator.service;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.etdremediator.agent.OnSite;
import org.etdremediator.ledger.CycleSummary;
import org.etdremediator.sim.SmaSimulator;

/** Tests that run the real agent against a simulated site started afresh for each test. */
abstract class OnSimulatedSite extends OnSite {
  /** Turns the agent's status server on, on a free loopback port. */
  void withStatusServer() {
    harness.configure(
        c ->
            c.put(
                "http", new JsonObject().put("host", "127.0.0.1").put("port", Service.freePort())));
  }

  /** Checks made on the result of a test's chain of steps. */
  @FunctionalInterface
  interface Check<T> {
    void accept(T value) throws Throwable;
  }

  /** Completes the test once {@code check} passes on the result; fails it on any failure. */
  static <T> Handler<AsyncResult<T>> checked(VertxTestContext ctx, Check<T> check) {
    return ctx.succeeding(
        value ->
            ctx.verify(
                () -> {
                  check.accept(value);
                  ctx.completeNow();
                }));
  }

  /** Runs one cycle of an agent started on the config as it stands, then stops it. */
  Future<CycleSummary> oneCycle() {
    return harness.startOnce().compose(agent -> agent.runCycle().eventually(agent::stop));
  }

  /** Publishes messages to ETD and to SMA message tracking. */
  void publish(JsonObject... messages) {
    site.publish(List.of(messages), true);
  }

  /** The remediation requests the SMA accepted for {@code message}. */
  List<SmaSimulator.AcceptedRemediation> remediationsOf(JsonObject message) {
    return remediationsOf(site.sma(), message);
  }

  static List<SmaSimulator.AcceptedRemediation> remediationsOf(
      SmaSimulator sma, JsonObject message) {
    String messageId = message.getString("internetMessageId");
    return sma.remediations().stream()
        .filter(r -> messageId.equals(r.message().getString("message_id")))
        .toList();
  }

  boolean remediated(JsonObject message) {
    return !remediationsOf(message).isEmpty();
  }
}
