package org.etdremediator.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.etdremediator.agent.SiteRecord;
import org.etdremediator.sim.Endpoint;
import org.etdremediator.sim.RecordedRequest;
import org.etdremediator.sim.SmaSimulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The SMA message tracking lookup before each remediation")
class TrackingLookupTest extends SiteTest {
  private static final String SERIAL = "ESA-SERIAL-TRACKED-7";

  private JsonObject convictionNotTracked() {
    Instant received = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
    return publishConviction(received, received.plusSeconds(5), false, false);
  }

  private void track(JsonObject m, long mid, Instant at) {
    site.sma()
        .track(
            new SmaSimulator.TrackedMessage(
                m.getString("internetMessageId"),
                mid,
                SERIAL,
                at,
                List.of("alice@example.com"),
                m.getString("fromAddress"),
                m.getString("subject"),
                "esa2.example.com"));
  }

  @Test
  @DisplayName("finds the message by Message-ID and sends its real mid, serial_number and sent_at")
  void sendsTrackingValues(VertxTestContext ctx) {
    JsonObject m = convictionNotTracked();
    Instant handled = Instant.parse(m.getString("timestamp")).plusSeconds(3);
    track(m, 424242, handled);
    oneCycle()
        .onComplete(
            checked(
                ctx,
                summary -> {
                  JsonObject detail = onlyRemediation(m);
                  assertEquals(new JsonArray().add(424242), detail.getJsonArray("mid"));
                  assertEquals(SERIAL, detail.getString("serial_number"));
                  assertEquals(handled.getEpochSecond(), detail.getLong("sent_at"));
                  // The simulator refuses dates with seconds or milliseconds, as the SMA
                  // does: every lookup it answered had whole minutes.
                  assertEquals(
                      trackingCalls(site.sma().allRequests()),
                      trackingCalls(site.sma().requests()),
                      "no lookup refused");
                  assertTrue(trackingCalls(site.sma().requests()) >= 1, "looked up");
                }));
  }

  @Test
  @DisplayName("a message not yet in tracking stays pending, and goes with real values once there")
  void pendingUntilTracked(VertxTestContext ctx) {
    JsonObject m = convictionNotTracked();
    twoCycles(
            ctx,
            (agent, first) -> {
              assertEquals(1, first.pending(), "pending");
              assertTrue(SiteRecord.remediationsOf(site, m).isEmpty());
              assertEquals(1, agent.agent().store().pending().size());
              track(m, 515151, Instant.parse(m.getString("timestamp")));
            })
        .onComplete(
            checked(
                ctx,
                second -> {
                  JsonObject detail = onlyRemediation(m);
                  assertEquals(new JsonArray().add(515151), detail.getJsonArray("mid"));
                  assertEquals(SERIAL, detail.getString("serial_number"));
                }));
  }

  @Test
  @DisplayName(
      "after sma.trackingTimeout it is sent with the ETD data alone, and the audit says so")
  void sentWithoutTrackingAfterTimeout(VertxTestContext ctx) {
    JsonObject m = convictionNotTracked();
    harness
        .set("sma", "trackingTimeout", "300ms")
        .set("sma", "placeholderMid", 7)
        .set("sma", "esaSerialNumber", "ESA-FALLBACK-1");
    withAgent(agent -> SiteRecord.cyclesUntil(agent, s -> s.remediated() == 1, 40))
        .onComplete(
            checked(
                ctx,
                last -> {
                  JsonObject detail = onlyRemediation(m);
                  assertEquals(new JsonArray().add(7), detail.getJsonArray("mid"));
                  assertEquals("ESA-FALLBACK-1", detail.getString("serial_number"));
                  assertEquals(
                      Instant.parse(m.getString("timestamp")).getEpochSecond(),
                      detail.getLong("sent_at"));
                  JsonObject line =
                      SiteRecord.audit(harness.stateDir()).stream()
                          .filter(e -> "remediated".equals(e.getString("outcome")))
                          .findFirst()
                          .orElseThrow();
                  assertTrue(
                      line.getString("reason", "").contains("without tracking data"),
                      "audit reason: " + line);
                }));
  }

  /** The message_details element of the one remediation request sent for {@code m}. */
  private JsonObject onlyRemediation(JsonObject m) {
    List<SmaSimulator.AcceptedRemediation> sent = SiteRecord.remediationsOf(site, m);
    assertEquals(1, sent.size(), "remediation requests for the message");
    return sent.get(0).message();
  }

  private static long trackingCalls(List<RecordedRequest> requests) {
    return requests.stream().filter(r -> r.endpoint() == Endpoint.SMA_TRACKING).count();
  }
}
