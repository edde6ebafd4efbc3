package org.etdremediator.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.etdremediator.agent.SiteRecord;
import org.etdremediator.sim.Endpoint;
import org.etdremediator.sim.EtdSimulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ETD's 502 for an answer too large")
class EtdTooLargeTest extends SiteTest {

  @Override
  protected EtdSimulator.Options etdOptions() {
    // ETD refuses an answer it finds too large with 502; this one finds more than 6 too many.
    return super.etdOptions().withMaxResponseMessages(6);
  }

  @Test
  @DisplayName("is met with smaller pages, and every conviction is remediated in the same cycle")
  void halvesThePageSize(VertxTestContext ctx) {
    SiteRecord.publish(site, 12, 40, Duration.ofMinutes(40), true);
    harness.set("etd", "pageSize", 20);
    oneCycle()
        .onComplete(
            checked(
                ctx,
                summary -> {
                  assertTrue(summary.ok(), "cycle ok: " + summary.error());
                  SiteRecord.assertExactlyOnce(site);
                  Set<Integer> answered =
                      site.etd().requests().stream()
                          .filter(r -> r.endpoint() == Endpoint.ETD_SEARCH)
                          .map(r -> new JsonObject(r.body()).getInteger("pageSize"))
                          .collect(Collectors.toSet());
                  long searches =
                      site.etd().allRequests().stream()
                          .filter(r -> r.endpoint() == Endpoint.ETD_SEARCH)
                          .count();
                  assertTrue(searches > site.etd().searchCalls(), "some answers were too large");
                  assertTrue(
                      answered.stream().anyMatch(s -> s < 20),
                      "smaller pages were asked for: " + answered);
                }));
  }
}
