package org.etdremediator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("ETD simulator: token call")
class EtdTokenTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T12:00:00Z"));
  private EtdSimulator sim;
  private EtdCalls calls;
  private WebClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    client = WebClient.create(vertx);
    EtdSimulator.start(vertx, EtdSimulator.Options.defaults().withoutRateLimit().withClock(clock))
        .onComplete(
            ctx.succeeding(
                s -> {
                  sim = s;
                  calls = new EtdCalls(client, s);
                  ctx.completeNow();
                }));
  }

  @Test
  @DisplayName("issues a JWT whose exp claim is the token lifetime from now")
  void issuesToken(VertxTestContext ctx) {
    calls
        .tokenRequest()
        .send()
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          assertEquals(200, response.statusCode());
                          JsonObject body = response.bodyAsJsonObject();
                          assertEquals(3600L, body.getLong("expiresIn"));
                          assertEquals("Bearer", body.getString("tokenType"));
                          String[] parts = body.getString("accessToken").split("\\.");
                          assertEquals(3, parts.length);
                          JsonObject claims =
                              new JsonObject(
                                  new String(
                                      Base64.getUrlDecoder().decode(parts[1]),
                                      StandardCharsets.UTF_8));
                          assertEquals(
                              clock.instant().getEpochSecond() + 3600, claims.getLong("exp"));
                          assertEquals(1, sim.tokenCalls());
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("accepts a grant_type=client_credentials form body")
  void acceptsFormBody(VertxTestContext ctx) {
    calls
        .tokenRequest()
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer("grant_type=client_credentials"))
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          assertEquals(200, response.statusCode());
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("refuses a body other than grant_type=client_credentials with 400")
  void refusesOtherBody(VertxTestContext ctx) {
    calls
        .tokenRequest()
        .sendBuffer(Buffer.buffer("grant_type=password"))
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          assertEquals(400, response.statusCode());
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("leaves out expiresIn when told to")
  void withoutExpiresIn(Vertx vertx, VertxTestContext ctx) {
    EtdSimulator.start(vertx, EtdSimulator.Options.defaults().withSendExpiresIn(false))
        .compose(other -> new EtdCalls(client, other).tokenRequest().send())
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          assertEquals(200, response.statusCode());
                          assertFalse(response.bodyAsJsonObject().containsKey("expiresIn"));
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("answers 403 Forbidden without the x-api-key header")
  void missingApiKey(VertxTestContext ctx) {
    client
        .postAbs(sim.baseUrl() + "/v1/oauth/token")
        .putHeader("Authorization", EtdCalls.basic("sim-client", "sim-secret"))
        .send()
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          assertEquals(403, response.statusCode());
                          assertEquals(
                              "Forbidden", response.bodyAsJsonObject().getString("message"));
                          assertEquals(0, sim.tokenCalls());
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("answers 403 to a wrong x-api-key on the search too")
  void wrongApiKeyOnSearch(VertxTestContext ctx) {
    calls
        .accessToken()
        .compose(
            token ->
                calls
                    .searchRequest(token)
                    .putHeader("x-api-key", "other-key")
                    .sendJsonObject(
                        EtdCalls.query(clock.instant().minusSeconds(60), clock.instant())))
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          assertEquals(403, response.statusCode());
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("answers 401 to a wrong client secret")
  void wrongSecret(VertxTestContext ctx) {
    calls
        .post("/v1/oauth/token")
        .putHeader("Authorization", EtdCalls.basic("sim-client", "wrong"))
        .send()
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          assertEquals(401, response.statusCode());
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("answers 401 when the Basic credentials are missing")
  void missingBasic(VertxTestContext ctx) {
    calls
        .post("/v1/oauth/token")
        .send()
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          assertEquals(401, response.statusCode());
                          ctx.completeNow();
                        })));
  }
}
