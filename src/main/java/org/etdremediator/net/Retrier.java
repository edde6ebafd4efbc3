package org.etdremediator.net;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;

/** Runs a call again after a backoff while it fails in a way worth retrying. */
public final class Retrier {
  private final Vertx vertx;
  private final Backoff backoff;
  private final Logger log;
  private final Map<Promise<Void>, Long> sleeping = new ConcurrentHashMap<>();
  private volatile boolean halted;

  public Retrier(Vertx vertx, Backoff backoff, Logger log) {
    this.vertx = vertx;
    this.backoff = backoff;
    this.log = log;
  }

  /**
   * From now on no call is started and none is tried again; the attempts in flight run to their
   * end. For an orderly stop: what is not sent stays pending, and is sent after the restart.
   */
  public void halt() {
    halted = true;
    // A retry waiting out its backoff gives up now rather than at the end of the wait.
    sleeping.forEach(
        (promise, timer) -> {
          vertx.cancelTimer(timer);
          promise.tryComplete();
        });
  }

  public boolean halted() {
    return halted;
  }

  /** The failure of a call that was not sent because the agent is stopping. */
  public static CallFailure stopping(String what) {
    return new CallFailure(what + ": not sent, the agent is stopping", 0, false, null);
  }

  /**
   * Runs {@code call} up to {@code maxAttempts} times. The result's failure is the last attempt's.
   * Only {@link CallFailure#retryable()} failures are retried.
   */
  public <T> Future<Attempted<T>> run(String what, int maxAttempts, Supplier<Future<T>> call) {
    return attempt(what, 1, maxAttempts, call);
  }

  private <T> Future<Attempted<T>> attempt(
      String what, int attempt, int maxAttempts, Supplier<Future<T>> call) {
    if (halted) {
      return Future.failedFuture(new AttemptsExhausted(stopping(what), attempt - 1));
    }
    return call.get()
        .map(result -> new Attempted<>(result, attempt))
        .recover(
            err -> {
              CallFailure failure = asFailure(what, err);
              if (!failure.retryable() || attempt >= maxAttempts || halted) {
                return Future.failedFuture(new AttemptsExhausted(failure, attempt));
              }
              Duration delay = backoff.delayAfter(attempt, failure.retryAfter());
              log.warn(
                  "{} failed (attempt {}/{}): {}; retrying in {} ms",
                  what,
                  attempt,
                  maxAttempts,
                  failure.getMessage(),
                  delay.toMillis());
              return sleep(delay).compose(v -> attempt(what, attempt + 1, maxAttempts, call));
            });
  }

  private Future<Void> sleep(Duration delay) {
    Promise<Void> promise = Promise.promise();
    long timer =
        vertx.setTimer(
            Math.max(1, delay.toMillis()),
            id -> {
              sleeping.remove(promise);
              promise.tryComplete();
            });
    sleeping.put(promise, timer);
    return promise.future();
  }

  private static CallFailure asFailure(String what, Throwable err) {
    return err instanceof CallFailure failure ? failure : CallFailure.transport(what, err);
  }

  /** A result with the number of attempts it took. */
  public record Attempted<T>(T result, int attempts) {}

  /** The last failure of a call that will not be tried again within this run. */
  public static final class AttemptsExhausted extends RuntimeException {
    private final CallFailure last;
    private final int attempts;

    AttemptsExhausted(CallFailure last, int attempts) {
      super(last.getMessage(), null, false, false);
      this.last = last;
      this.attempts = attempts;
    }

    public CallFailure last() {
      return last;
    }

    public int attempts() {
      return attempts;
    }
  }
}
