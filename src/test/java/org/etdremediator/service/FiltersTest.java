package org.etdremediator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.etdremediator.config.ConfigProblem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Filters and actions decide what is remediated, where, and how")
class FiltersTest extends OnSimulatedSite {

  private JsonObject filters() {
    JsonObject config = harness.config();
    if (!config.containsKey("filters")) {
      config.put("filters", new JsonObject());
    }
    return config.getJsonObject("filters");
  }

  /** The audit line of the decision on {@code message}. */
  private JsonObject auditOf(JsonObject message) {
    List<JsonObject> lines =
        Service.audit(harness.stateDir()).stream()
            .map(JsonObject::new)
            .filter(l -> message.getString("id").equals(l.getString("etdId")))
            .toList();
    assertEquals(1, lines.size(), "audit lines of " + message.getString("id"));
    return lines.get(0);
  }

  private void assertSkipped(JsonObject message, String reason) {
    assertTrue(remediationsOf(message).isEmpty(), "not remediated");
    JsonObject audit = auditOf(message);
    assertEquals("skipped", audit.getString("outcome"));
    assertEquals(reason, audit.getString("reason"));
  }

  @Test
  @DisplayName("filters.directions: mail in a direction not listed is skipped")
  void directions(VertxTestContext ctx) {
    JsonObject incoming = Messages.conviction();
    JsonObject outgoing = Messages.conviction().put("direction", "outgoing");
    JsonObject internal = Messages.conviction().put("direction", "internal");
    publish(incoming, outgoing, internal);
    filters().put("directions", new JsonArray().add("incoming").add("outgoing"));
    oneCycle()
        .onComplete(
            checked(
                ctx,
                s -> {
                  assertEquals(1, remediationsOf(incoming).size());
                  assertEquals(1, remediationsOf(outgoing).size());
                  assertSkipped(internal, "direction internal is filtered");
                }));
  }

  @Test
  @DisplayName(
      "filters.excludeMailboxes: excluded recipients are left out, and a message with none left"
          + " is skipped")
  void excludeMailboxes(VertxTestContext ctx) {
    JsonObject shared =
        Messages.withMailboxes(Messages.conviction(), "alice@example.com", "SOC@example.com");
    JsonObject socOnly = Messages.withMailboxes(Messages.conviction(), "soc@example.com");
    publish(shared, socOnly);
    filters().put("excludeMailboxes", new JsonArray().add("soc@example.com"));
    oneCycle()
        .onComplete(
            checked(
                ctx,
                s -> {
                  assertEquals(1, remediationsOf(shared).size());
                  assertEquals(
                      new JsonArray().add("alice@example.com"),
                      remediationsOf(shared).get(0).message().getJsonArray("recipient_email"));
                  assertEquals(
                      new JsonArray().add("alice@example.com"),
                      auditOf(shared).getJsonArray("mailboxes"));
                  assertSkipped(socOnly, "every mailbox is excluded");
                }));
  }

  @Test
  @DisplayName("filters.excludeSenderDomains: mail from an excluded domain is skipped")
  void excludeSenderDomains(VertxTestContext ctx) {
    JsonObject simulation =
        Messages.conviction().put("fromAddress", "training@phish-sim.example.net");
    JsonObject real = Messages.conviction();
    publish(simulation, real);
    filters().put("excludeSenderDomains", new JsonArray().add("phish-sim.example.net"));
    oneCycle()
        .onComplete(
            checked(
                ctx,
                s -> {
                  assertEquals(1, remediationsOf(real).size());
                  assertSkipped(simulation, "sender domain phish-sim.example.net is excluded");
                }));
  }

  @Test
  @DisplayName("filters.skipIfEtdRemediated: mail ETD already moved is skipped by default")
  void skipIfEtdRemediated(VertxTestContext ctx) {
    JsonObject moved =
        Messages.conviction().put("action", new JsonObject().put("isAutoRemediated", true));
    publish(moved);
    oneCycle()
        .onComplete(
            checked(
                ctx,
                s -> {
                  assertSkipped(moved, "already remediated by ETD");
                }));
  }

  @Test
  @DisplayName("filters.skipIfEtdRemediated false: mail ETD already moved is remediated too")
  void remediateWhatEtdMoved(VertxTestContext ctx) {
    JsonObject moved =
        Messages.conviction().put("action", new JsonObject().put("isAutoRemediated", true));
    publish(moved);
    filters().put("skipIfEtdRemediated", false);
    oneCycle()
        .onComplete(
            checked(
                ctx,
                s -> {
                  assertEquals(1, remediationsOf(moved).size());
                }));
  }

  @Test
  @DisplayName("sma.actionByVerdict overrides sma.action for its verdicts")
  void actionByVerdict(VertxTestContext ctx) {
    JsonObject malicious = Messages.withVerdict(Messages.conviction(), "malicious");
    JsonObject phishing = Messages.conviction();
    publish(malicious, phishing);
    harness
        .config()
        .getJsonObject("sma")
        .put("action", "fwdDelete")
        .put("actionByVerdict", new JsonObject().put("malicious", "delete"));
    oneCycle()
        .onComplete(
            checked(
                ctx,
                s -> {
                  JsonObject deleted = remediationsOf(malicious).get(0).batch();
                  JsonObject forwarded = remediationsOf(phishing).get(0).batch();
                  assertEquals("delete", deleted.getString("action"));
                  assertEquals("delete", auditOf(malicious).getString("action"));
                  assertEquals("fwdDelete", forwarded.getString("action"));
                  assertEquals(
                      new JsonArray().add("evidence@example.com"),
                      forwarded.getJsonArray("fwd_email_address"));
                }));
  }

  @Test
  @DisplayName("a reload to a forwarding action without sma.forwardTo is refused")
  void forwardNeedsForwardTo(VertxTestContext ctx) {
    harness.config().getJsonObject("sma").put("action", "delete");
    harness
        .startService()
        .compose(
            agent -> {
              Future<List<ConfigProblem>> refused = Service.nextRefusal(agent);
              harness.rewriteConfig(
                  c ->
                      c.getJsonObject("sma")
                          .put("forwardTo", new JsonArray())
                          .put("actionByVerdict", new JsonObject().put("bec", "forward")));
              return refused.eventually(agent::stop);
            })
        .onComplete(
            checked(
                ctx,
                problems -> {
                  assertEquals(1, problems.size(), problems.toString());
                  assertEquals("sma.forwardTo", problems.get(0).key());
                }));
  }
}
