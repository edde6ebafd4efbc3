package org.etdremediator;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SmokeTest {
  @Test
  void runs(Vertx vertx, VertxTestContext ctx) {
    ctx.completeNow();
  }
}
