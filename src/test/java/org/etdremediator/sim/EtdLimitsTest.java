package org.etdremediator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("ETD simulator: rate limit and daily quota")
class EtdLimitsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T23:59:00Z"));

  private Future<EtdCalls> start(Vertx vertx, EtdSimulator.Options options) {
    return EtdSimulator.start(vertx, options.withClock(clock))
        .map(sim -> new EtdCalls(WebClient.create(vertx), sim));
  }

  /** The statuses of {@code n} token calls sent one after another. */
  private static Future<List<Integer>> tokenCalls(EtdCalls calls, int n) {
    List<Integer> statuses = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < n; i++) {
      chain =
          chain.compose(
              v ->
                  calls
                      .tokenRequest()
                      .send()
                      .map(
                          r -> {
                            statuses.add(r.statusCode());
                            return null;
                          }));
    }
    return chain.map(v -> statuses);
  }

  @Test
  @DisplayName("answers 429 Limit exceeded to the fifth call of a burst, and again after a second")
  void burstOfFive(Vertx vertx, VertxTestContext ctx) {
    start(vertx, EtdSimulator.Options.defaults())
        .compose(
            calls ->
                tokenCalls(calls, 5)
                    .compose(
                        first -> {
                          clock.advance(Duration.ofMillis(500));
                          return tokenCalls(calls, 2)
                              .map(
                                  second -> {
                                    List<Integer> all = new ArrayList<>(first);
                                    all.addAll(second);
                                    return all;
                                  });
                        }))
        .onComplete(
            ctx.succeeding(
                statuses ->
                    ctx.verify(
                        () -> {
                          assertEquals(List.of(200, 200, 200, 200, 429, 200, 429), statuses);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("the 429 body says Limit exceeded")
  void limitBody(Vertx vertx, VertxTestContext ctx) {
    Expect.etdError(
        ctx,
        start(vertx, EtdSimulator.Options.defaults().withRateLimit(1, 1))
            .compose(
                calls -> calls.tokenRequest().send().compose(r -> calls.tokenRequest().send())),
        429,
        "Limit exceeded");
  }

  @Test
  @DisplayName("answers 429 past the daily quota until the next UTC day")
  void dailyQuota(Vertx vertx, VertxTestContext ctx) {
    start(vertx, EtdSimulator.Options.defaults().withoutRateLimit().withDailyQuota(3))
        .compose(
            calls ->
                tokenCalls(calls, 4)
                    .compose(
                        today -> {
                          clock.advance(Duration.ofMinutes(1));
                          return tokenCalls(calls, 1)
                              .map(
                                  tomorrow -> {
                                    List<Integer> all = new ArrayList<>(today);
                                    all.addAll(tomorrow);
                                    return all;
                                  });
                        }))
        .onComplete(
            ctx.succeeding(
                statuses ->
                    ctx.verify(
                        () -> {
                          assertEquals(List.of(200, 200, 200, 429, 200), statuses);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("with the rate limit off, many calls in a row all pass")
  void rateLimitOff(Vertx vertx, VertxTestContext ctx) {
    start(vertx, EtdSimulator.Options.defaults().withoutRateLimit())
        .compose(calls -> tokenCalls(calls, 20))
        .onComplete(
            ctx.succeeding(
                statuses ->
                    ctx.verify(
                        () -> {
                          assertEquals(20, statuses.stream().filter(s -> s == 200).count());
                          ctx.completeNow();
                        })));
  }
}
