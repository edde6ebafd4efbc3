package org.etdremediator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("SMA simulator: login and authentication")
class SmaAuthTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T12:00:00Z"));
  private SmaSimulator sim;

  private Future<SmaCalls> start(Vertx vertx, SmaSimulator.Options options) {
    return SmaSimulator.start(vertx, options.withClock(clock))
        .map(
            s -> {
              sim = s;
              return new SmaCalls(WebClient.create(vertx), s);
            });
  }

  private Future<SmaCalls> start(Vertx vertx) {
    return start(vertx, SmaSimulator.Options.defaults());
  }

  @Test
  @DisplayName("a login with the right credentials returns a jwtToken as the appliance does")
  void login(Vertx vertx, VertxTestContext ctx) {
    Expect.status(
        ctx,
        start(vertx).compose(calls -> calls.login("smaapi", "s3cr3t-pass")),
        200,
        response -> {
          JsonObject data = response.bodyAsJsonObject().getJsonObject("data");
          assertEquals("smaapi", data.getString("userName"));
          assertEquals("false", data.getString("is2FactorRedirectRequired"));
          assertEquals(3, data.getString("jwtToken").split("\\.").length);
          assertEquals(1, sim.loginCalls());
        });
  }

  @Test
  @DisplayName("a login with a wrong password gets 401 with the appliance's error body")
  void wrongPassword(Vertx vertx, VertxTestContext ctx) {
    Expect.status(
        ctx,
        start(vertx).compose(calls -> calls.login("smaapi", "wrong")),
        401,
        response -> {
          JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
          assertEquals("401", error.getString("code"));
          assertEquals("Unauthorized.", error.getString("message"));
          assertEquals(0, sim.loginCalls());
        });
  }

  @Test
  @DisplayName("a login whose credentials are not base64 gets 401")
  void notBase64(Vertx vertx, VertxTestContext ctx) {
    JsonObject body =
        new JsonObject()
            .put(
                "data",
                new JsonObject().put("userName", "smaapi").put("passphrase", "s3cr3t-pass"));
    Expect.status(
        ctx, start(vertx).compose(calls -> calls.post("/login").sendJsonObject(body)), 401);
  }

  @Test
  @DisplayName("a login not sent as application/json gets 415")
  void loginContentType(Vertx vertx, VertxTestContext ctx) {
    Expect.status(
        ctx,
        start(vertx)
            .compose(
                calls ->
                    calls
                        .post("/login")
                        .putHeader("Content-Type", "text/plain")
                        .sendBuffer(SmaCalls.loginBody("smaapi", "s3cr3t-pass").toBuffer())),
        415);
  }

  @Test
  @DisplayName("a token used with another User-Agent than at login gets 401")
  void userAgentMismatch(Vertx vertx, VertxTestContext ctx) {
    Expect.status(
        ctx,
        start(vertx)
            .compose(
                calls ->
                    calls
                        .token()
                        .compose(
                            token ->
                                calls
                                    .post("/remediation")
                                    .putHeader("jwtToken", token)
                                    .putHeader("User-Agent", "other-agent/2.0")
                                    .sendJsonObject(SmaCalls.remediation()))),
        401);
  }

  @Test
  @DisplayName("a token used with another Accept header than at login gets 401")
  void acceptMismatch(Vertx vertx, VertxTestContext ctx) {
    Expect.status(
        ctx,
        start(vertx)
            .compose(
                calls ->
                    calls
                        .token()
                        .compose(
                            token ->
                                calls
                                    .post("/remediation")
                                    .putHeader("jwtToken", token)
                                    .putHeader("Accept", "*/*")
                                    .sendJsonObject(SmaCalls.remediation()))),
        401);
  }

  @Test
  @DisplayName("a call without any credentials gets 401")
  void noCredentials(Vertx vertx, VertxTestContext ctx) {
    Expect.status(
        ctx,
        start(vertx)
            .compose(calls -> calls.post("/remediation").sendJsonObject(SmaCalls.remediation())),
        401);
  }

  @Test
  @DisplayName("Basic credentials work instead of a token when allowed")
  void basicAllowed(Vertx vertx, VertxTestContext ctx) {
    Expect.status(ctx, start(vertx).compose(SmaAuthTest::remediateWithBasic), 200);
  }

  @Test
  @DisplayName("Basic credentials get 401 when the appliance does not allow them")
  void basicRefused(Vertx vertx, VertxTestContext ctx) {
    Expect.status(
        ctx,
        start(vertx, SmaSimulator.Options.defaults().withAllowBasicAuth(false))
            .compose(SmaAuthTest::remediateWithBasic),
        401);
  }

  private static Future<HttpResponse<Buffer>> remediateWithBasic(SmaCalls calls) {
    return calls
        .post("/remediation")
        .putHeader("Authorization", EtdCalls.basic("smaapi", "s3cr3t-pass"))
        .sendJsonObject(SmaCalls.remediation());
  }

  @Test
  @DisplayName("a token past its lifetime gets 401")
  void expiredByClock(Vertx vertx, VertxTestContext ctx) {
    Expect.status(
        ctx,
        start(vertx)
            .compose(
                calls ->
                    calls
                        .token()
                        .compose(
                            token -> {
                              clock.advance(Duration.ofMinutes(30));
                              return calls
                                  .post("/remediation")
                                  .putHeader("jwtToken", token)
                                  .sendJsonObject(SmaCalls.remediation());
                            })),
        401);
  }

  @Test
  @DisplayName("every token issued before expireTokens gets 401")
  void expiredOnDemand(Vertx vertx, VertxTestContext ctx) {
    Expect.status(
        ctx,
        start(vertx)
            .compose(
                calls ->
                    calls
                        .token()
                        .compose(
                            token -> {
                              sim.expireTokens();
                              return calls.tracking(token).send();
                            })),
        401);
  }

  @Test
  @DisplayName("a token close to expiry gets a renewed one in a jwtToken header; both work")
  void renewal(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(
            calls ->
                calls
                    .token()
                    .compose(
                        old -> {
                          JsonObject fresh = SmaCalls.remediation();
                          Future<HttpResponse<Buffer>> early =
                              calls
                                  .post("/remediation")
                                  .putHeader("jwtToken", old)
                                  .sendJsonObject(fresh);
                          return early.compose(
                              first -> {
                                clock.advance(Duration.ofMinutes(26));
                                return calls
                                    .post("/remediation")
                                    .putHeader("jwtToken", old)
                                    .sendJsonObject(fresh)
                                    .compose(
                                        second -> {
                                          String renewed = second.getHeader("jwtToken");
                                          clock.advance(Duration.ofMinutes(10));
                                          return calls
                                              .post("/remediation")
                                              .putHeader("jwtToken", renewed)
                                              .sendJsonObject(fresh)
                                              .map(
                                                  third ->
                                                      new Object[] {first, second, renewed, third});
                                        });
                              });
                        }))
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          HttpResponse<?> first = (HttpResponse<?>) all[0];
                          HttpResponse<?> second = (HttpResponse<?>) all[1];
                          HttpResponse<?> third = (HttpResponse<?>) all[3];
                          assertEquals(200, first.statusCode());
                          assertNull(first.getHeader("jwtToken"));
                          assertEquals(200, second.statusCode());
                          assertNotNull(all[2]);
                          assertEquals(200, third.statusCode());
                          ctx.completeNow();
                        })));
  }
}
