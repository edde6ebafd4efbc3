package org.etdremediator.sim;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** ETD's error bodies, worded as the service words them. */
final class EtdErrors {

  static final String FORBIDDEN = "Forbidden";
  static final String UNAUTHORIZED = "Unauthorized";
  static final String BAD_REQUEST = "Bad Request";
  static final String BAD_BODY = "Unable to deserialize request body";
  static final String BAD_RANGE = "Invalid daterange";
  static final String LIMIT = "Limit exceeded";
  static final String TOO_LARGE =
      "The server generated a response that exceeds the limit. "
          + "Please reduce the page size or time range";

  private EtdErrors() {}

  /** The body ETD sends with {@code status} when nothing more specific applies. */
  static JsonObject forStatus(int status) {
    return switch (status) {
      // ETD spells this one key with a capital M.
      case 401 -> new JsonObject().put("Message", "Token expired, generate new token to proceed");
      case 403 -> message(FORBIDDEN);
      case 429 -> message(LIMIT);
      case 502 -> message(TOO_LARGE);
      case 503 -> message("Service Unavailable");
      case 504 -> message("Endpoint request timed out");
      case 500 -> message("Internal server error");
      default -> message(HttpResponseStatus.valueOf(status).reasonPhrase());
    };
  }

  static JsonObject message(String text) {
    return new JsonObject().put("message", text);
  }

  /** Ends the exchange with {@code status} and a {@code {"message": text}} body. */
  static void send(RoutingContext ctx, int status, String text) {
    send(ctx, status, message(text));
  }

  static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.encode());
  }
}
