package org.etdremediator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("ETD simulator: search refusals")
class EtdSearchTest {

  private static final Instant NOW = Instant.parse("2026-03-04T12:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);
  private EtdSimulator sim;
  private EtdCalls calls;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    EtdSimulator.start(vertx, EtdSimulator.Options.defaults().withoutRateLimit().withClock(clock))
        .onComplete(
            ctx.succeeding(
                s -> {
                  sim = s;
                  calls = new EtdCalls(WebClient.create(vertx), s);
                  ctx.completeNow();
                }));
  }

  private static JsonObject lastHour() {
    return EtdCalls.query(NOW.minus(Duration.ofHours(1)), NOW);
  }

  @Test
  @DisplayName("answers 400 Bad Request to a token it did not issue")
  void malformedToken(VertxTestContext ctx) {
    Expect.etdError(
        ctx,
        calls.searchRequest("eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.c2ln").sendJsonObject(lastHour()),
        400,
        "Bad Request");
  }

  @Test
  @DisplayName("answers 400 Bad Request without an Authorization header")
  void missingToken(VertxTestContext ctx) {
    Expect.etdError(
        ctx,
        calls
            .post("/v1/messages/search")
            .putHeader("Content-Type", "application/json")
            .sendJsonObject(lastHour()),
        400,
        "Bad Request");
  }

  @Test
  @DisplayName("answers 401 Token expired once the token's lifetime has passed")
  void expiredByClock(VertxTestContext ctx) {
    Expect.status(
        ctx,
        calls
            .accessToken()
            .compose(
                token -> {
                  clock.advance(Duration.ofMinutes(61));
                  return calls.searchRequest(token).sendJsonObject(lastHourAt(clock.instant()));
                }),
        401,
        response ->
            assertEquals(
                "Token expired, generate new token to proceed",
                response.bodyAsJsonObject().getString("Message")));
  }

  private static JsonObject lastHourAt(Instant now) {
    return EtdCalls.query(now.minus(Duration.ofHours(1)), now);
  }

  @Test
  @DisplayName("answers 401 to every token issued before expireTokens, and accepts a new one")
  void expiredOnDemand(VertxTestContext ctx) {
    calls
        .accessToken()
        .compose(
            old -> {
              sim.expireTokens();
              return calls
                  .searchRequest(old)
                  .sendJsonObject(lastHour())
                  .compose(
                      refused ->
                          calls
                              .accessToken()
                              .compose(
                                  fresh -> calls.searchRequest(fresh).sendJsonObject(lastHour()))
                              .map(
                                  accepted ->
                                      new int[] {refused.statusCode(), accepted.statusCode()}));
            })
        .onComplete(
            ctx.succeeding(
                codes ->
                    ctx.verify(
                        () -> {
                          assertEquals(401, codes[0]);
                          assertEquals(200, codes[1]);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("answers 400 Invalid daterange to a range over 32 days")
  void rangeOver32Days(VertxTestContext ctx) {
    Instant start = NOW.minus(Duration.ofDays(40));
    Expect.etdError(
        ctx,
        calls.search(EtdCalls.query(start, start.plus(Duration.ofDays(32)).plusSeconds(1))),
        400,
        "Invalid daterange");
  }

  @Test
  @DisplayName("accepts a range of exactly 32 days")
  void rangeOf32Days(VertxTestContext ctx) {
    Instant start = NOW.minus(Duration.ofDays(40));
    Expect.status(ctx, calls.search(EtdCalls.query(start, start.plus(Duration.ofDays(32)))), 200);
  }

  @Test
  @DisplayName("answers 400 Invalid daterange to a start older than 90 days")
  void olderThan90Days(VertxTestContext ctx) {
    Instant start = NOW.minus(Duration.ofDays(90)).minusSeconds(1);
    Expect.etdError(
        ctx,
        calls.search(EtdCalls.query(start, start.plus(Duration.ofDays(1)))),
        400,
        "Invalid daterange");
  }

  @Test
  @DisplayName("answers 400 Invalid daterange to an end in the future")
  void endInFuture(VertxTestContext ctx) {
    Expect.etdError(
        ctx,
        calls.search(EtdCalls.query(NOW.minusSeconds(60), NOW.plusSeconds(1))),
        400,
        "Invalid daterange");
  }

  @Test
  @DisplayName("answers 400 Invalid daterange when start is not before end")
  void startNotBeforeEnd(VertxTestContext ctx) {
    Expect.etdError(
        ctx,
        calls.search(EtdCalls.query(NOW.minusSeconds(60), NOW.minusSeconds(60))),
        400,
        "Invalid daterange");
  }

  @Test
  @DisplayName("answers 400 Invalid daterange to a time with an offset instead of Z")
  void offsetNotUtc(VertxTestContext ctx) {
    JsonObject body =
        lastHour()
            .put(
                "timestamp",
                new JsonArray().add("2026-03-04T11:00:00+00:00").add("2026-03-04T11:30:00Z"));
    Expect.etdError(ctx, calls.search(body), 400, "Invalid daterange");
  }

  @Test
  @DisplayName("answers 400 to pageSize 101 and to pageSize 0")
  void pageSizeOutOfRange(VertxTestContext ctx) {
    Future<Integer> big = calls.search(lastHour().put("pageSize", 101)).map(r -> r.statusCode());
    Future<Integer> zero = calls.search(lastHour().put("pageSize", 0)).map(r -> r.statusCode());
    Future.all(big, zero)
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          assertEquals(400, big.result());
                          assertEquals(400, zero.result());
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("answers 400 Unable to deserialize request body to a body that is not JSON")
  void notJson(VertxTestContext ctx) {
    Expect.etdError(
        ctx,
        calls.accessToken().compose(t -> calls.searchRequest(t).sendBuffer(Buffer.buffer("{oops"))),
        400,
        "Unable to deserialize request body");
  }

  @Test
  @DisplayName("answers 400 Unable to deserialize request body to a JSON array body")
  void arrayBody(VertxTestContext ctx) {
    Expect.etdError(
        ctx,
        calls.accessToken().compose(t -> calls.searchRequest(t).sendBuffer(Buffer.buffer("[]"))),
        400,
        "Unable to deserialize request body");
  }

  @Test
  @DisplayName("answers 400 Unable to deserialize request body when timestamp is not two strings")
  void timestampWrongType(VertxTestContext ctx) {
    JsonObject body = lastHour().put("timestamp", "2026-03-04T11:00:00Z");
    Expect.etdError(ctx, calls.search(body), 400, "Unable to deserialize request body");
  }

  @Test
  @DisplayName("answers 400 when timestamp is missing")
  void timestampMissing(VertxTestContext ctx) {
    Expect.status(ctx, calls.search(new JsonObject().put("pageSize", 10)), 400);
  }

  @Test
  @DisplayName("answers 400 Unable to deserialize request body to pageSize as a string")
  void pageSizeString(VertxTestContext ctx) {
    Expect.etdError(
        ctx,
        calls.search(lastHour().put("pageSize", "10")),
        400,
        "Unable to deserialize request body");
  }

  @Test
  @DisplayName("answers 400 to an unknown verdict")
  void unknownVerdict(VertxTestContext ctx) {
    JsonObject body = lastHour().put("verdicts", new JsonArray().add("phishing").add("Phish"));
    Expect.status(ctx, calls.search(body), 400);
  }

  @Test
  @DisplayName("answers 400 to an unknown field, so a misspelt one cannot go unnoticed")
  void unknownField(VertxTestContext ctx) {
    Expect.status(ctx, calls.search(lastHour().put("verdict", new JsonArray().add("bec"))), 400);
  }

  @Test
  @DisplayName("answers 415 to a body not sent as application/json")
  void wrongContentType(VertxTestContext ctx) {
    Expect.status(
        ctx,
        calls
            .accessToken()
            .compose(
                t ->
                    calls
                        .searchRequest(t)
                        .putHeader("Content-Type", "text/plain")
                        .sendBuffer(lastHour().toBuffer())),
        415);
  }

  @Test
  @DisplayName("answers 400 to a page token it never issued")
  void unknownPageToken(VertxTestContext ctx) {
    Expect.status(ctx, calls.search(lastHour().put("pageToken", "cGFnZTI=")), 400);
  }

  @Test
  @DisplayName("answers 502 too large when a page would carry more than the set maximum")
  void tooLarge(Vertx vertx, VertxTestContext ctx) {
    EtdSimulator.Options options =
        EtdSimulator.Options.defaults()
            .withoutRateLimit()
            .withClock(clock)
            .withMaxResponseMessages(2);
    Expect.status(
        ctx,
        EtdSimulator.start(vertx, options)
            .compose(
                big -> {
                  for (int i = 0; i < 3; i++) {
                    big.addMessage(EtdCalls.message("m" + i, NOW.minusSeconds(60 + i), "bec"));
                  }
                  return new EtdCalls(WebClient.create(vertx), big).search(lastHour());
                }),
        502,
        response -> assertTrue(response.bodyAsJsonObject().getString("message").contains("limit")));
  }

  @Test
  @DisplayName("answers an empty window with no messages and no nextPageToken")
  void emptyWindow(VertxTestContext ctx) {
    Expect.status(
        ctx,
        calls.search(lastHour()),
        200,
        response -> {
          JsonObject body = response.bodyAsJsonObject();
          assertTrue(body.getJsonObject("data").getJsonArray("messages").isEmpty());
          assertFalse(body.containsKey("nextPageToken"));
        });
  }
}
