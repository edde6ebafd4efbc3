package org.etdremediator.sim;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests from their arrival to the end of their response, or to the close of their
 * connection when no response comes, and keeps the highest count seen. A platform handler, so that
 * it runs before the body is read: a request counts from its first byte.
 */
final class InFlight implements PlatformHandler {

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
