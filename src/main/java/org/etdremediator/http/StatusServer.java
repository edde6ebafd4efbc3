package org.etdremediator.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.etdremediator.config.HttpSettings;
import org.etdremediator.ledger.CycleSummary;

/**
 * Serves {@code /metrics} (Prometheus text) and the health endpoints. Ready means the last cycle
 * succeeded, and recently: it reached ETD and the SMA answered whatever it was asked.
 */
public final class StatusServer {
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final Supplier<CycleSummary> lastCycle;
  private final Supplier<Duration> interval;
  private final Clock clock;
  private HttpServer server;

  public StatusServer(
      Vertx vertx,
      PrometheusMeterRegistry registry,
      Supplier<CycleSummary> lastCycle,
      Supplier<Duration> interval,
      Clock clock) {
    this.vertx = vertx;
    this.registry = registry;
    this.lastCycle = lastCycle;
    this.interval = interval;
    this.clock = clock;
  }

  public Future<HttpServer> start(HttpSettings settings) {
    Router router = Router.router(vertx);
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(registry.scrape()));
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(settings.port(), settings.host())
        .onSuccess(s -> server = s);
  }

  /** The port the server listens on, useful when it was started on port 0. */
  public int port() {
    return server.actualPort();
  }

  private void ready(RoutingContext ctx) {
    CycleSummary last = lastCycle.get();
    JsonObject body = new JsonObject();
    boolean ready = false;
    if (last == null) {
      body.put("reason", "no cycle has finished yet");
    } else {
      // Two missed intervals, plus slack for a slow cycle, before the agent counts as stale.
      Duration stale = interval.get().multipliedBy(2).plus(Duration.ofMinutes(2));
      boolean recent = last.finishedAt().plus(stale).isAfter(Instant.now(clock));
      ready = last.ok() && recent;
      body.put("lastCycleFinishedAt", last.finishedAt().toString()).put("lastCycleOk", last.ok());
      if (!last.ok()) {
        body.put("reason", last.error());
      } else if (!recent) {
        body.put("reason", "the last successful cycle is older than " + stale.toMinutes() + " min");
      }
    }
    json(ctx, ready ? 200 : 503, body.put("status", ready ? "UP" : "DOWN"));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
