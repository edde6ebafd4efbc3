package org.etdremediator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.etdremediator.sim.Endpoint;
import org.etdremediator.sim.Fault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("/metrics and the health endpoints of a running service")
class MetricsHealthTest extends OnSimulatedSite {

  @BeforeEach
  void statusServerOn() {
    withStatusServer();
    harness.configure(c -> c.getJsonObject("schedule").put("interval", "300ms"));
  }

  private static double value(String scrape, String name, String label) {
    Double v = Service.sample(scrape, name, label);
    assertNotNull(v, name + "{" + label + "} in\n" + scrape);
    return v;
  }

  @Test
  @DisplayName("/metrics serves every metric of the agent in Prometheus text")
  void everyMetric(Vertx vertx, VertxTestContext ctx) {
    JsonObject phishing = Messages.conviction();
    JsonObject malicious = Messages.withVerdict(Messages.conviction(), "malicious");
    publish(phishing, malicious);
    harness
        .startService()
        .compose(
            agent ->
                Service.cycleWhen(agent, () -> remediated(phishing) && remediated(malicious))
                    .compose(
                        v -> {
                          Future<?> applied = Service.nextChange(agent);
                          harness.rewriteConfig(
                              c -> c.getJsonObject("schedule").put("interval", "250ms"));
                          return applied;
                        })
                    .compose(v -> Service.scrape(vertx, agent))
                    .eventually(agent::stop))
        .onComplete(
            checked(
                ctx,
                scrape -> {
                  assertTrue(value(scrape, "etd_remediator_cycles_total", "ok") >= 1);
                  assertEquals(1, value(scrape, "etd_remediator_messages_found_total", "phishing"));
                  assertEquals(
                      1, value(scrape, "etd_remediator_messages_found_total", "malicious"));
                  assertEquals(
                      2,
                      value(scrape, "etd_remediator_remediations_total", "outcome=\"remediated\""));
                  assertTrue(
                      value(scrape, "etd_remediator_etd_calls_total", "status=\"200\"") >= 2,
                      "token and search");
                  assertTrue(
                      value(scrape, "etd_remediator_sma_calls_total", "status=\"200\"") >= 5,
                      "login, two lookups, two remediations");
                  assertEquals(
                      2, single(scrape, "etd_remediator_verdict_to_remediation_seconds_count"));
                  assertEquals(2, single(scrape, "etd_remediator_ledger_size"));
                  assertEquals(0, single(scrape, "etd_remediator_pending_size"));
                  assertTrue(
                      single(scrape, "etd_remediator_last_successful_cycle_seconds") > 1.7e9);
                  assertEquals(
                      1,
                      value(scrape, "etd_remediator_config_reloads_total", "outcome=\"applied\""));
                }));
  }

  @Test
  @DisplayName("ETD and SMA calls are counted by status, errors and dropped connections included")
  void callsByStatus(Vertx vertx, VertxTestContext ctx) {
    JsonObject message = Messages.conviction();
    publish(message);
    site.etd().faults().next(Endpoint.ETD_SEARCH, Fault.drop(), 1);
    site.sma().faults().next(Endpoint.SMA_REMEDIATION, Fault.status(503), 1);
    harness
        .startService()
        .compose(
            agent ->
                Service.cycleWhen(agent, () -> remediated(message))
                    .compose(v -> Service.scrape(vertx, agent))
                    .eventually(agent::stop))
        .onComplete(
            checked(
                ctx,
                scrape -> {
                  assertEquals(1, value(scrape, "etd_remediator_etd_calls_total", "\"transport\""));
                  assertEquals(1, value(scrape, "etd_remediator_sma_calls_total", "\"503\""));
                }));
  }

  @Test
  @DisplayName(
      "/health/live is up; /health/ready is down while cycles fail and up once one succeeds")
  void health(Vertx vertx, VertxTestContext ctx) {
    site.etd().faults().always(Endpoint.ETD_SEARCH, Fault.status(500));
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    harness
        .startService()
        .compose(
            agent ->
                Service.cycleWhere(agent, s -> !s.ok())
                    .compose(v -> Service.get(vertx, agent, "/health/live"))
                    .compose(
                        live -> {
                          answers.add(live);
                          return Service.get(vertx, agent, "/health/ready");
                        })
                    .compose(
                        down -> {
                          answers.add(down);
                          site.etd().faults().clear();
                          return Service.cycleWhere(agent, s -> s.ok());
                        })
                    .compose(v -> Service.get(vertx, agent, "/health/ready"))
                    .onSuccess(answers::add)
                    .eventually(agent::stop))
        .onComplete(
            checked(
                ctx,
                v -> {
                  assertEquals(200, answers.get(0).statusCode());
                  assertEquals("UP", answers.get(0).bodyAsJsonObject().getString("status"));
                  assertEquals(503, answers.get(1).statusCode());
                  JsonObject down = answers.get(1).bodyAsJsonObject();
                  assertEquals("DOWN", down.getString("status"));
                  assertTrue(down.getString("reason").contains("500"), down.encode());
                  assertEquals(200, answers.get(2).statusCode());
                }));
  }

  private static double single(String scrape, String name) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(name + " "))
        .map(l -> Double.parseDouble(l.substring(name.length() + 1).strip()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " in\n" + scrape));
  }
}
