package org.etdremediator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Fault injection over HTTP")
class FaultInjectionTest {

  private EtdSimulator etd;
  private SmaSimulator sma;
  private EtdCalls etdCalls;
  private SmaCalls smaCalls;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    WebClient client = WebClient.create(vertx);
    Future.all(
            EtdSimulator.start(vertx, EtdSimulator.Options.defaults().withoutRateLimit()),
            SmaSimulator.start(vertx, SmaSimulator.Options.defaults()))
        .onComplete(
            ctx.succeeding(
                both -> {
                  etd = both.resultAt(0);
                  sma = both.resultAt(1);
                  etdCalls = new EtdCalls(client, etd);
                  smaCalls = new SmaCalls(client, sma);
                  ctx.completeNow();
                }));
  }

  /** The statuses of {@code n} token calls sent one after another; -1 for a failed call. */
  private Future<List<Integer>> tokenCalls(int n) {
    List<Integer> statuses = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < n; i++) {
      chain =
          chain.compose(
              v ->
                  etdCalls
                      .tokenRequest()
                      .send()
                      .map(HttpResponse::statusCode)
                      .otherwise(-1)
                      .map(
                          status -> {
                            statuses.add(status);
                            return null;
                          }));
    }
    return chain.map(v -> statuses);
  }

  @Test
  @DisplayName("latency delays the answer, which then comes normally")
  void latency(VertxTestContext ctx) {
    etd.faults().next(Endpoint.ETD_TOKEN, Fault.latency(Duration.ofMillis(150)), 1);
    long started = System.nanoTime();
    Expect.status(
        ctx,
        etdCalls.tokenRequest().send(),
        200,
        response -> {
          assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 150);
          assertEquals(1, etd.tokenCalls());
          assertEquals(1, etd.faults().injected());
        });
  }

  @Test
  @DisplayName("a status fault on ETD answers with ETD's body for that status")
  void etdStatus(VertxTestContext ctx) {
    etd.faults().next(Endpoint.ETD_TOKEN, Fault.status(503), 1);
    Expect.etdError(ctx, etdCalls.tokenRequest().send(), 503, "Service Unavailable");
  }

  @Test
  @DisplayName("a 429 fault with Retry-After sends the header in seconds")
  void retryAfter(VertxTestContext ctx) {
    etd.faults().next(Endpoint.ETD_SEARCH, Fault.status(429, Duration.ofSeconds(7)), 1);
    Expect.status(
        ctx,
        etdCalls
            .accessToken()
            .compose(
                t -> etdCalls.searchRequest(t).sendJsonObject(new io.vertx.core.json.JsonObject())),
        429,
        response -> {
          assertEquals("7", response.getHeader("Retry-After"));
          assertEquals("Limit exceeded", response.bodyAsJsonObject().getString("message"));
        });
  }

  @Test
  @DisplayName("a status fault on the SMA answers with the appliance's error body")
  void smaStatus(VertxTestContext ctx) {
    sma.faults().next(Endpoint.SMA_REMEDIATION, Fault.status(500), 1);
    Expect.status(
        ctx,
        smaCalls.remediate(SmaCalls.remediation()),
        500,
        response -> {
          assertEquals(
              "Internal Server Error.",
              response.bodyAsJsonObject().getJsonObject("error").getString("message"));
          assertTrue(sma.remediations().isEmpty());
        });
  }

  @Test
  @DisplayName("drop closes the connection without an answer; the next call is served")
  void drop(VertxTestContext ctx) {
    etd.faults().next(Endpoint.ETD_TOKEN, Fault.drop(), 1);
    tokenCalls(2)
        .onComplete(
            ctx.succeeding(
                statuses ->
                    ctx.verify(
                        () -> {
                          assertEquals(List.of(-1, 200), statuses);
                          assertEquals(2, etd.allRequests().size());
                          assertEquals(1, etd.requests().size());
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("garbage answers 200 with a body that is not JSON")
  void garbage(VertxTestContext ctx) {
    etd.faults().next(Endpoint.ETD_TOKEN, Fault.garbage(), 1);
    Expect.status(
        ctx,
        etdCalls.tokenRequest().send(),
        200,
        response -> {
          assertEquals("application/json", response.getHeader("Content-Type"));
          assertThrows(DecodeException.class, response::bodyAsJsonObject);
        });
  }

  @Test
  @DisplayName("html answers 502 with a proxy's HTML page")
  void html(VertxTestContext ctx) {
    sma.faults().next(Endpoint.SMA_LOGIN, Fault.html(), 1);
    Expect.status(
        ctx,
        smaCalls.login("smaapi", "s3cr3t-pass"),
        502,
        response -> {
          assertEquals("text/html", response.getHeader("Content-Type"));
          assertTrue(response.bodyAsString().contains("<html>"));
        });
  }

  @Test
  @DisplayName("emptyBody answers 200 with no body at all")
  void emptyBody(VertxTestContext ctx) {
    etd.faults().next(Endpoint.ETD_TOKEN, Fault.emptyBody(), 1);
    Expect.status(
        ctx,
        etdCalls.tokenRequest().send(),
        200,
        response -> assertTrue(response.body() == null || response.body().length() == 0));
  }

  @Test
  @DisplayName("next faults the given number of calls, then the endpoint serves normally")
  void nextTimes(VertxTestContext ctx) {
    etd.faults().next(Endpoint.ETD_TOKEN, Fault.status(500), 2);
    tokenCalls(3)
        .onComplete(
            ctx.succeeding(
                statuses ->
                    ctx.verify(
                        () -> {
                          assertEquals(List.of(500, 500, 200), statuses);
                          assertEquals(2, etd.faults().injected());
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("always faults every call until clear")
  void alwaysUntilClear(VertxTestContext ctx) {
    etd.faults().always(Endpoint.ETD_TOKEN, Fault.status(503));
    tokenCalls(3)
        .compose(
            faulted -> {
              etd.faults().clear();
              return tokenCalls(1)
                  .map(
                      after -> {
                        List<Integer> all = new ArrayList<>(faulted);
                        all.addAll(after);
                        return all;
                      });
            })
        .onComplete(
            ctx.succeeding(
                statuses ->
                    ctx.verify(
                        () -> {
                          assertEquals(List.of(503, 503, 503, 200), statuses);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("a fault for ANY hits whichever endpoint is called next")
  void anyEndpoint(VertxTestContext ctx) {
    sma.faults().next(Endpoint.ANY, Fault.status(503), 1);
    Expect.status(
        ctx,
        smaCalls
            .token()
            .recover(e -> Future.succeededFuture("refused"))
            .compose(
                token -> {
                  ctx.verify(() -> assertEquals("refused", token));
                  return smaCalls.login("smaapi", "s3cr3t-pass");
                }),
        200);
  }

  @Test
  @DisplayName("a fault on one endpoint leaves the others alone")
  void otherEndpointsUnaffected(VertxTestContext ctx) {
    sma.faults().always(Endpoint.SMA_TRACKING, Fault.status(500));
    Expect.status(ctx, smaCalls.remediate(SmaCalls.remediation()), 200);
  }

  @Test
  @DisplayName("chaos with probability 1 faults every call")
  void chaosEverything(VertxTestContext ctx) {
    etd.faults().chaos(42, 1.0, Duration.ofMillis(20));
    tokenCalls(10)
        .onComplete(
            ctx.succeeding(
                statuses ->
                    ctx.verify(
                        () -> {
                          assertEquals(10, etd.faults().injected());
                          ctx.completeNow();
                        })));
  }
}
