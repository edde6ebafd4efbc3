package org.etdremediator.net;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter. A server's {@code Retry-After} is honoured as the least
 * delay, capped so a hostile or mistaken header cannot stall the agent for hours.
 */
public record Backoff(Duration base, Duration max) {
  private static final Duration RETRY_AFTER_CAP = Duration.ofMinutes(2);

  public static Backoff standard() {
    return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
  }

  /** The delay before attempt {@code attempt + 1}, where {@code attempt} counts from 1. */
  public Duration delayAfter(int attempt, Duration retryAfter) {
    long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
    long jittered = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    if (retryAfter != null) {
      jittered = Math.max(jittered, Math.min(retryAfter.toMillis(), RETRY_AFTER_CAP.toMillis()));
    }
    return Duration.ofMillis(jittered);
  }
}
