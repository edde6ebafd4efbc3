package org.etdremediator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxTestContext;

/** Checks on a simulator's answer that end the test. */
final class Expect {

  /** More checks on an answer. */
  @FunctionalInterface
  interface Check {
    void on(HttpResponse<Buffer> response) throws Throwable;
  }

  private Expect() {}

  static void status(VertxTestContext ctx, Future<HttpResponse<Buffer>> answer, int status) {
    status(ctx, answer, status, response -> {});
  }

  static void status(
      VertxTestContext ctx, Future<HttpResponse<Buffer>> answer, int status, Check more) {
    answer.onComplete(
        ctx.succeeding(
            response ->
                ctx.verify(
                    () -> {
                      assertEquals(status, response.statusCode(), () -> response.bodyAsString());
                      more.on(response);
                      ctx.completeNow();
                    })));
  }

  /** The answer has {@code status} and an ETD body {@code {"message": message}}. */
  static void etdError(
      VertxTestContext ctx, Future<HttpResponse<Buffer>> answer, int status, String message) {
    status(
        ctx,
        answer,
        status,
        response -> assertEquals(message, response.bodyAsJsonObject().getString("message")));
  }
}
