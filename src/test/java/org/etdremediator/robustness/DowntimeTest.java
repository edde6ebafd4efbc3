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
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.etdremediator.agent.SiteRecord;
import org.etdremediator.ledger.Checkpoint;
import org.etdremediator.sim.Endpoint;
import org.etdremediator.sim.RecordedRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("After the agent was stopped for a long time")
class DowntimeTest extends SiteTest {

  @Test
  @DisplayName(
      "the gap is caught up in slices of at most 32 days, within 90 days; the rest is logged")
  void catchesUpInSlices(Vertx vertx, VertxTestContext ctx) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant stoppedAt = now.minus(Duration.ofDays(100));
    List<JsonObject> reachable =
        List.of(
            publishConviction(
                now.minus(Duration.ofDays(89)), now.minus(Duration.ofDays(89)), false),
            publishConviction(
                now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(60)), false),
            publishConviction(
                now.minus(Duration.ofDays(31)), now.minus(Duration.ofDays(31)), false),
            publishConviction(
                now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(2)), false));
    JsonObject beyond =
        publishConviction(now.minus(Duration.ofDays(95)), now.minus(Duration.ofDays(95)), false);
    LogCapture log = new LogCapture("org.etdremediator.agent.Cycle");
    seed(vertx, Checkpoint.empty().withSearchedUntil(stoppedAt))
        .compose(v -> oneCycle())
        .onComplete(
            checked(
                ctx,
                summary -> {
                  log.close();
                  assertTrue(summary.ok(), "cycle ok: " + summary.error());
                  for (JsonObject m : reachable) {
                    assertEquals(
                        1,
                        SiteRecord.remediationsOf(site, m).size(),
                        "remediated: received " + m.getString("timestamp"));
                  }
                  assertEquals(0, SiteRecord.remediationsOf(site, beyond).size());
                  List<RecordedRequest> searches =
                      site.etd().allRequests().stream()
                          .filter(r -> r.endpoint() == Endpoint.ETD_SEARCH)
                          .toList();
                  assertTrue(searches.size() >= 3, "several slices: " + searches.size());
                  for (RecordedRequest r : searches) {
                    JsonArray range = new JsonObject(r.body()).getJsonArray("timestamp");
                    Instant from = Instant.parse(range.getString(0));
                    Instant to = Instant.parse(range.getString(1));
                    assertTrue(
                        Duration.between(from, to).compareTo(Duration.ofDays(32)) <= 0,
                        "at most 32 days: " + range);
                    assertTrue(
                        !from.isBefore(r.at().minus(Duration.ofDays(90))),
                        "within 90 days: " + range);
                  }
                  assertEquals(
                      searches.size(),
                      site.etd().searchCalls(),
                      "ETD refused none of the searches");
                  String from = stoppedAt.minus(Duration.ofMinutes(2)).toString();
                  List<String> errors = log.at(Level.ERROR);
                  assertEquals(1, errors.size(), "one ERROR: " + errors);
                  assertTrue(
                      errors.get(0).contains("[" + from + ", "),
                      "names the span from " + from + ": " + errors.get(0));
                }));
  }
}
