package org.etdremediator.sim;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The SMA's error bodies: {@code {"error": {"code", "message", "explanation"}}}. */
final class SmaErrors {

  private SmaErrors() {}

  /** The body the SMA sends with {@code status} when nothing more specific applies. */
  static JsonObject forStatus(int status) {
    return switch (status) {
      case 400 -> body("400", "Bad Request.", "400 = Bad request syntax or unsupported method.");
      case 401 -> body("401", "Unauthorized.", "401 = No permission -- see authorization schemes.");
      case 404 -> body("404", "Not Found.", "404 = Nothing matches the given URI.");
      case 500 -> body("500", "Internal Server Error.", "500 = Unexpected error.");
      default -> {
        String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
        yield body(Integer.toString(status), reason + ".", status + " = " + reason + ".");
      }
    };
  }

  /** A 400 body whose message says what is wrong with the request. */
  static JsonObject badRequest(String message) {
    return body("400", message, "400 = Bad request syntax or unsupported method.");
  }

  // The SMA reports a bad tracking date with status 400 but code "404" in the body.
  static JsonObject badDate() {
    return body(
        "404",
        "startDate and endDate attribute supports only 00 seconds and 000 microseconds.",
        "404 = Nothing matches the given URI.");
  }

  static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.encode());
  }

  private static JsonObject body(String code, String message, String explanation) {
    return new JsonObject()
        .put(
            "error",
            new JsonObject()
                .put("code", code)
                .put("message", message)
                .put("explanation", explanation));
  }
}
