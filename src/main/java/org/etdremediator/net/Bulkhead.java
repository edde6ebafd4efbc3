package org.etdremediator.net;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * Bounds how many calls are in flight at once; the rest wait their turn in order. Used on an event
 * loop only, so it needs no locking.
 */
public final class Bulkhead {
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int limit;
  private int inFlight;

  public Bulkhead(int limit) {
    this.limit = limit;
  }

  /** Changes the bound; a lower bound takes hold as calls finish. */
  public void setLimit(int newLimit) {
    limit = newLimit;
    drain();
  }

  public int inFlight() {
    return inFlight;
  }

  /** Runs {@code call} once fewer than the limit are in flight. */
  public <T> Future<T> run(Supplier<Future<T>> call) {
    Promise<T> promise = Promise.promise();
    waiting.add(
        () -> {
          Future<T> result;
          try {
            result = call.get();
          } catch (RuntimeException e) {
            result = Future.failedFuture(e);
          }
          result.onComplete(
              done -> {
                inFlight--;
                drain();
              });
          result.onComplete(promise);
        });
    drain();
    return promise.future();
  }

  private void drain() {
    while (inFlight < limit && !waiting.isEmpty()) {
      inFlight++;
      waiting.poll().run();
    }
  }
}
