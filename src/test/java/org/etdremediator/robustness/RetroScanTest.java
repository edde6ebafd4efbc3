package org.etdremediator.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import org.etdremediator.agent.SiteRecord;
import org.etdremediator.ledger.Checkpoint;
import org.etdremediator.sim.Endpoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Late convictions are found by the retro scans, within the ETD quota")
class RetroScanTest extends SiteTest {

  @Test
  @DisplayName("a message convicted six hours after delivery is remediated within a retroInterval")
  void retroConvictionWithinOneInterval(VertxTestContext ctx) {
    harness
        .set("schedule", "interval", "500ms")
        .set("schedule", "retroInterval", "2s")
        .set("schedule", "retroLookback", "1d");
    AtomicBoolean published = new AtomicBoolean();
    Instant[] convictedAt = new Instant[1];
    JsonObject[] late = new JsonObject[1];
    harness
        .startService()
        .onComplete(
            ctx.succeeding(
                agent ->
                    agent
                        .agent()
                        .onCycle(
                            summary -> {
                              if (published.compareAndSet(false, true)) {
                                // The first cycle, with its start-up retro scan, is over.
                                convictedAt[0] = Instant.now();
                                late[0] =
                                    publishConviction(
                                        convictedAt[0].minus(Duration.ofHours(6)),
                                        convictedAt[0],
                                        true);
                                return;
                              }
                              if (SiteRecord.remediationsOf(site, late[0]).isEmpty()) {
                                return;
                              }
                              Duration took = Duration.between(convictedAt[0], Instant.now());
                              agent
                                  .stop()
                                  .onComplete(
                                      checked(
                                          ctx,
                                          v -> {
                                            // One retroInterval, then at most one timer period
                                            // until the cycle starts, and the cycle itself.
                                            assertTrue(
                                                took.compareTo(Duration.ofMillis(3200)) <= 0,
                                                "remediated after " + took);
                                            assertEquals(
                                                1, SiteRecord.remediationsOf(site, late[0]).size());
                                          }));
                            })));
  }

  @Test
  @DisplayName("past 95 % of the daily ETD quota the retro scan waits; the regular search goes on")
  void quotaStopsRetroScans(Vertx vertx, VertxTestContext ctx) {
    Instant now = Instant.now();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    harness.set("etd", "dailyRequestQuota", 1000);
    JsonObject recent = publishConviction(now.minusSeconds(60), now.minusSeconds(50), false);
    JsonObject older = publishConviction(now.minus(Duration.ofDays(2)), now, true);
    LogCapture log = new LogCapture("org.etdremediator.agent.Quota");
    Checkpoint saved =
        Checkpoint.empty().withSearchedUntil(now.minusSeconds(30)).withQuota(today, 960);
    seed(vertx, saved)
        .compose(v -> oneCycle())
        .onComplete(
            checked(
                ctx,
                summary -> {
                  log.close();
                  assertTrue(summary.ok(), "cycle ok: " + summary.error());
                  assertEquals(1, SiteRecord.remediationsOf(site, recent).size());
                  assertEquals(
                      0,
                      SiteRecord.remediationsOf(site, older).size(),
                      "no retro scan this close to the quota");
                  assertTrue(
                      site.etd().requests().stream()
                          .filter(r -> r.endpoint() == Endpoint.ETD_SEARCH)
                          .map(r -> searchStart(r.body()))
                          .allMatch(start -> start.isAfter(now.minus(Duration.ofHours(1)))),
                      "only the regular window was searched");
                  assertEquals(1, log.at(Level.WARN).size(), "one warning about the quota");
                }));
  }

  @Test
  @DisplayName("well within the daily ETD quota the start-up retro scan finds the older conviction")
  void retroScanWithinQuota(Vertx vertx, VertxTestContext ctx) {
    Instant now = Instant.now();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    harness.set("etd", "dailyRequestQuota", 1000);
    JsonObject older = publishConviction(now.minus(Duration.ofDays(2)), now, true);
    Checkpoint saved =
        Checkpoint.empty().withSearchedUntil(now.minusSeconds(30)).withQuota(today, 100);
    seed(vertx, saved)
        .compose(v -> oneCycle())
        .onComplete(
            checked(
                ctx,
                summary -> {
                  assertEquals(1, SiteRecord.remediationsOf(site, older).size());
                }));
  }

  private static Instant searchStart(String body) {
    JsonArray range = new JsonObject(body).getJsonArray("timestamp");
    return Instant.parse(range.getString(0));
  }
}
