package org.etdremediator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.etdremediator.sim.Endpoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A dry run decides everything and sends no remediation")
class DryRunTest extends OnSimulatedSite {

  private List<JsonObject> auditLines() {
    return Service.audit(harness.stateDir()).stream().map(JsonObject::new).toList();
  }

  private boolean audited(JsonObject message, String outcome) {
    return auditLines().stream()
        .anyMatch(
            l ->
                message.getString("id").equals(l.getString("etdId"))
                    && outcome.equals(l.getString("outcome")));
  }

  private long remediationRequests() {
    return site.sma().allRequests().stream()
        .filter(r -> r.endpoint() == Endpoint.SMA_REMEDIATION)
        .count();
  }

  @Test
  @DisplayName(
      "mode: dry-run sends no remediation, audits what would be done, and leaves the state for"
          + " a later enforce run")
  void modeDryRun(VertxTestContext ctx) {
    JsonObject malicious = Messages.withVerdict(Messages.conviction(), "malicious");
    JsonObject phishing = Messages.conviction();
    publish(malicious, phishing);
    harness.configure(
        c -> {
          c.put("mode", "dry-run");
          c.getJsonObject("sma")
              .put("actionByVerdict", new JsonObject().put("malicious", "delete"));
        });
    List<String> stateAfterStart = new ArrayList<>();
    harness
        .startOnce()
        .compose(
            agent -> {
              stateAfterStart.addAll(Service.everyFile(harness.stateDir()));
              return agent.runCycle().eventually(agent::stop);
            })
        .compose(
            dry -> {
              ctx.verify(
                  () -> {
                    assertEquals(0, remediationRequests(), "no remediation request sent");
                    JsonObject line =
                        auditLines().stream()
                            .filter(l -> malicious.getString("id").equals(l.getString("etdId")))
                            .findFirst()
                            .orElseThrow();
                    assertEquals("dry-run", line.getString("outcome"));
                    assertEquals("delete", line.getString("action"));
                    assertEquals(
                        new io.vertx.core.json.JsonArray().add("alice@example.com"),
                        line.getJsonArray("mailboxes"));
                    assertTrue(audited(phishing, "dry-run"));
                    List<String> stateNow =
                        Service.everyFile(harness.stateDir()).stream()
                            .filter(
                                f ->
                                    !f.startsWith(harness.stateDir().resolve("audit.jsonl") + "\n"))
                            .toList();
                    assertEquals(stateAfterStart, stateNow, "nothing but the audit log written");
                  });
              harness.configure(c -> c.put("mode", "enforce"));
              return harness.startOnce();
            })
        .compose(agent -> agent.runCycle().eventually(agent::stop))
        .onComplete(
            checked(
                ctx,
                enforced -> {
                  assertEquals(1, remediationsOf(malicious).size());
                  assertEquals(1, remediationsOf(phishing).size());
                }));
  }

  @Test
  @DisplayName("--dry-run holds across reloads of a file that says enforce")
  void dryRunFlagSurvivesReload(VertxTestContext ctx) {
    JsonObject before = Messages.conviction();
    JsonObject after = Messages.recent();
    publish(before);
    harness.configure(
        c -> {
          c.put("mode", "enforce");
          c.getJsonObject("schedule").put("interval", "300ms");
        });
    harness
        .startDryRunService()
        .compose(
            agent ->
                Service.cycleWhen(agent, () -> audited(before, "dry-run"))
                    .compose(
                        v -> {
                          harness.rewriteConfig(
                              c -> c.getJsonObject("schedule").put("interval", "250ms"));
                          return Service.nextChangeInForce(agent);
                        })
                    .compose(
                        v -> {
                          publish(after);
                          return Service.cycleWhen(agent, () -> audited(after, "dry-run"));
                        })
                    .eventually(agent::stop))
        .onComplete(
            checked(
                ctx,
                v -> {
                  assertEquals(0, remediationRequests());
                }));
  }
}
