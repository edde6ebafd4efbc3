package org.etdremediator.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.etdremediator.agent.SiteRecord;
import org.etdremediator.sim.Endpoint;
import org.etdremediator.sim.Fault;
import org.etdremediator.sim.SmaSimulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Answers that cannot be read do not stop the agent or lose a conviction")
class BadAnswersTest extends SiteTest {

  @Test
  @DisplayName("ETD search answering 200 with garbage: retried, every conviction remediated")
  void etdGarbage(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 31, Endpoint.ETD_SEARCH, Fault.garbage(), 2);
  }

  @Test
  @DisplayName("ETD search answering 200 with no body: retried, every conviction remediated")
  void etdEmptyBody(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 32, Endpoint.ETD_SEARCH, Fault.emptyBody(), 2);
  }

  @Test
  @DisplayName("ETD search answering a proxy's HTML error page: every conviction remediated")
  void etdHtml(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 33, Endpoint.ETD_SEARCH, Fault.html(), 2);
  }

  @Test
  @DisplayName("ETD token call answering garbage: retried, every conviction remediated")
  void etdTokenGarbage(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 34, Endpoint.ETD_TOKEN, Fault.garbage(), 2);
  }

  @Test
  @DisplayName("SMA tracking answering 200 with garbage: retried, remediated once")
  void smaTrackingGarbage(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 35, Endpoint.SMA_TRACKING, Fault.garbage(), 2);
  }

  @Test
  @DisplayName("SMA tracking answering 200 with no body: retried, remediated once")
  void smaTrackingEmpty(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 39, Endpoint.SMA_TRACKING, Fault.emptyBody(), 2);
  }

  @Test
  @DisplayName("SMA tracking answering a proxy's HTML error page: retried, remediated once")
  void smaTrackingHtml(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 40, Endpoint.SMA_TRACKING, Fault.html(), 2);
  }

  @Test
  @DisplayName("SMA login answering garbage: retried, remediated once")
  void smaLoginGarbage(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 36, Endpoint.SMA_LOGIN, Fault.garbage(), 1);
  }

  @Test
  @DisplayName("SMA remediation answering a proxy's HTML error page: retried, remediated once")
  void smaRemediationHtml(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 37, Endpoint.SMA_REMEDIATION, Fault.html(), 2);
  }

  @Test
  @DisplayName("SMA remediation answering 200 with a body that is not JSON: not taken as accepted")
  void smaRemediationGarbage(VertxTestContext ctx) {
    survivesInOneCycle(ctx, 38, Endpoint.SMA_REMEDIATION, Fault.garbage(), 2);
  }

  @Test
  @DisplayName("ETD messages with missing or wrongly typed fields are skipped with their reason")
  void malformedMessages(VertxTestContext ctx) {
    Instant received = Instant.now().minus(Duration.ofMinutes(10));
    JsonObject good = publishConviction(received, received, false);
    JsonObject noId = conviction(received, received, false).put("id", 12345);
    JsonObject mailboxText =
        conviction(received, received, false).put("mailboxes", "alice@example.com");
    JsonObject messageIdNumber = conviction(received, received, false).put("internetMessageId", 42);
    JsonObject mixedMailboxes =
        conviction(received, received, false)
            .put("mailboxes", new JsonArray().addNull().add(5).add("Bob@Example.com"))
            .put("subject", new JsonObject().put("weird", true))
            .put("direction", "INCOMING");
    site.etd().addMessage(noId);
    site.publish(List.of(mailboxText, messageIdNumber, mixedMailboxes), true);
    oneCycle()
        .onComplete(
            checked(
                ctx,
                summary -> {
                  assertTrue(summary.ok(), "cycle ok: " + summary.error());
                  assertEquals(1, SiteRecord.remediationsOf(site, good).size());
                  List<SmaSimulator.AcceptedRemediation> mixed =
                      SiteRecord.remediationsOf(site, mixedMailboxes);
                  assertEquals(1, mixed.size());
                  assertEquals(
                      new JsonArray().add("bob@example.com"),
                      mixed.get(0).message().getJsonArray("recipient_email"));
                  Map<String, String> reasons =
                      SiteRecord.audit(harness.stateDir()).stream()
                          .filter(e -> "skipped".equals(e.getString("outcome")))
                          .collect(
                              Collectors.toMap(
                                  e -> e.getString("etdId"),
                                  e -> e.getString("reason"),
                                  (a, b) -> a));
                  assertTrue(
                      reasons.get(mailboxText.getString("id")).contains("no mailbox"),
                      "reasons: " + reasons);
                  assertTrue(
                      reasons.get(messageIdNumber.getString("id")).contains("Message-ID"),
                      "reasons: " + reasons);
                }));
  }
}
