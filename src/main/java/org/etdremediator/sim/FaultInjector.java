package org.etdremediator.sim;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** A route handler that applies the next fault for its endpoint, if any, before normal handling. */
final class FaultInjector implements Handler<RoutingContext> {

  // What a client sees when a response is cut off mid-body: valid start, no end.
  static final String GARBAGE = "{\"data\": {\"messages\": [{\"id\": \"0f2c6a1e-3b7d-4c1a";

  static final String HTML_PAGE =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
          + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
          + "</body>\r\n</html>\r\n";

  private final Vertx vertx;
  private final Faults faults;
  private final Endpoint endpoint;
  private final ErrorBodies errors;

  FaultInjector(Vertx vertx, Faults faults, Endpoint endpoint, ErrorBodies errors) {
    this.vertx = vertx;
    this.faults = faults;
    this.endpoint = endpoint;
    this.errors = errors;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Fault fault = faults.take(endpoint);
    if (fault == null) {
      ctx.next();
      return;
    }
    HttpServerResponse response = ctx.response();
    switch (fault.kind()) {
      case LATENCY -> delayThenServe(ctx, fault);
      case DROP -> ctx.request().connection().close();
      case STATUS -> {
        if (fault.retryAfter() != null) {
          response.putHeader("Retry-After", Long.toString(fault.retryAfter().toSeconds()));
        }
        json(response, fault.status()).end(errors.forStatus(fault.status()).encode());
      }
      case GARBAGE -> json(response, 200).end(GARBAGE);
      case EMPTY_BODY -> json(response, 200).end();
      case HTML ->
          response
              .setStatusCode(fault.status())
              .putHeader(HttpHeaders.CONTENT_TYPE, "text/html")
              .end(HTML_PAGE);
    }
  }

  private void delayThenServe(RoutingContext ctx, Fault fault) {
    long millis = fault.delay().toMillis();
    if (millis <= 0) {
      ctx.next();
    } else {
      vertx.setTimer(millis, id -> ctx.next());
    }
  }

  private static HttpServerResponse json(HttpServerResponse response, int status) {
    return response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
  }
}
