package org.etdremediator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("SMA simulator: calls in flight")
class SmaInFlightTest {

  @Test
  @DisplayName(
      "peakInFlight counts remediation calls handled at the same time; logins do not count")
  void countsConcurrentCalls(Vertx vertx, VertxTestContext ctx) {
    SmaSimulator.Options options =
        SmaSimulator.Options.defaults().withRemediationLatency(Duration.ofMillis(200));
    WebClient client =
        WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(10));
    SmaSimulator.start(vertx, options)
        .compose(
            sim -> {
              SmaCalls calls = new SmaCalls(client, sim);
              return calls
                  .token()
                  .compose(
                      token -> {
                        List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
                        for (int i = 0; i < 5; i++) {
                          all.add(
                              calls
                                  .post("/remediation")
                                  .putHeader("jwtToken", token)
                                  .sendJsonObject(SmaCalls.remediation()));
                        }
                        return Future.all(all);
                      })
                  .map(done -> sim);
            })
        .onComplete(
            ctx.succeeding(
                sim ->
                    ctx.verify(
                        () -> {
                          assertEquals(5, sim.peakInFlight());
                          assertEquals(0, sim.inFlight());
                          assertEquals(5, sim.remediations().size());
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("calls one after another never count more than one in flight")
  void sequentialCalls(Vertx vertx, VertxTestContext ctx) {
    WebClient client = WebClient.create(vertx);
    SmaSimulator.start(vertx, SmaSimulator.Options.defaults())
        .compose(
            sim -> {
              SmaCalls calls = new SmaCalls(client, sim);
              return calls
                  .remediate(SmaCalls.remediation())
                  .compose(r -> calls.remediate(SmaCalls.remediation()))
                  .map(r -> sim);
            })
        .onComplete(
            ctx.succeeding(
                sim ->
                    ctx.verify(
                        () -> {
                          assertEquals(1, sim.peakInFlight());
                          assertEquals(0, sim.inFlight());
                          ctx.completeNow();
                        })));
  }

  @Test
  @Timeout(value = 3, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a call whose client gives up stops counting once the connection closes")
  void clientGivesUp(Vertx vertx, VertxTestContext ctx) {
    WebClient client = WebClient.create(vertx);
    SmaSimulator.start(vertx, SmaSimulator.Options.defaults())
        .onComplete(
            ctx.succeeding(
                sim -> {
                  sim.faults()
                      .next(Endpoint.SMA_TRACKING, Fault.latency(Duration.ofSeconds(10)), 1);
                  new SmaCalls(client, sim)
                      .get("/message-tracking/messages")
                      .timeout(100)
                      .send()
                      .onComplete(
                          ctx.failing(
                              timedOut -> {
                                // The server learns of the close on its own event loop; the
                                // count is checked on each tick until it has.
                                vertx.setPeriodic(
                                    10,
                                    id -> {
                                      if (sim.inFlight() == 0) {
                                        vertx.cancelTimer(id);
                                        ctx.verify(() -> assertEquals(1, sim.peakInFlight()));
                                        ctx.completeNow();
                                      }
                                    });
                              }));
                }));
  }
}
