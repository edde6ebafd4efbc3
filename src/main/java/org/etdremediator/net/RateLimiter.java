package org.etdremediator.net;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * A token bucket that hands out permits without blocking: a caller past the rate gets a future that
 * completes when its permit is due. Used on an event loop only, so it needs no locking.
 */
public final class RateLimiter {
  private final Vertx vertx;
  private final Queue<Promise<Void>> waiting = new ArrayDeque<>();
  private double perSecond;
  private int burst;
  private double tokens;
  private long lastRefillNanos;
  private boolean timerSet;

  public RateLimiter(Vertx vertx, double perSecond, int burst) {
    this.vertx = vertx;
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.lastRefillNanos = System.nanoTime();
  }

  /** Changes the rate; permits already waiting keep their place. */
  public void setRate(double newPerSecond, int newBurst) {
    refill();
    perSecond = newPerSecond;
    burst = newBurst;
    tokens = Math.min(tokens, burst);
  }

  /** Completes when the caller may send one request. */
  public Future<Void> acquire() {
    refill();
    if (waiting.isEmpty() && tokens >= 1) {
      tokens -= 1;
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    waiting.add(promise);
    schedule();
    return promise.future();
  }

  private void refill() {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - lastRefillNanos) / 1e9 * perSecond);
    lastRefillNanos = now;
  }

  private void schedule() {
    if (timerSet || waiting.isEmpty()) {
      return;
    }
    long delayMs = Math.max(1, (long) Math.ceil((1 - tokens) / perSecond * 1000));
    timerSet = true;
    vertx.setTimer(
        delayMs,
        id -> {
          timerSet = false;
          refill();
          while (!waiting.isEmpty() && tokens >= 1) {
            tokens -= 1;
            waiting.poll().complete();
          }
          schedule();
        });
  }
}
