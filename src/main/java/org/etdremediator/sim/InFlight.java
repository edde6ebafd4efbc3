package org.etdremediator.sim;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests from their arrival to the end of their response, or to the close of their
 * connection when no response comes, and keeps the highest count seen.
 */
final class InFlight implements Handler<RoutingContext> {

  private final AtomicInteger current = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  @Override
  public void handle(RoutingContext ctx) {
    peak.accumulateAndGet(current.incrementAndGet(), Math::max);
    AtomicBoolean released = new AtomicBoolean();
    Runnable release =
        () -> {
          if (released.compareAndSet(false, true)) {
            current.decrementAndGet();
          }
        };
    // The body-end handler runs before the last bytes go out, so a client that got its answer
    // never sees its own request still counted; the end handler covers closed connections.
    ctx.addBodyEndHandler(v -> release.run());
    ctx.addEndHandler(ar -> release.run());
    ctx.next();
  }

  int current() {
    return current.get();
  }

  int peak() {
    return peak.get();
  }
}
