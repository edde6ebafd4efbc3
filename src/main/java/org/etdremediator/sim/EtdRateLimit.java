package org.etdremediator.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * ETD's limits for one API key: a token bucket of {@code requestsPerSecond} with room for {@code
 * burst}, and a quota of calls per UTC day. Every call counts against the quota, refused ones too.
 */
final class EtdRateLimit {

  private final Clock clock;
  private final double perSecond;
  private final int burst;
  private final int dailyQuota;
  private double tokens;
  private Instant refilledAt;
  private LocalDate day;
  private int callsToday;

  /** {@code requestsPerSecond <= 0} turns the bucket off; {@code dailyQuota <= 0} the quota. */
  EtdRateLimit(Clock clock, double requestsPerSecond, int burst, int dailyQuota) {
    this.clock = clock;
    this.perSecond = requestsPerSecond;
    this.burst = Math.max(1, burst);
    this.dailyQuota = dailyQuota;
    this.tokens = this.burst;
    this.refilledAt = clock.instant();
  }

  /** Counts one call and says whether it may go on. */
  synchronized boolean admit() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (!today.equals(day)) {
      day = today;
      callsToday = 0;
    }
    callsToday++;
    if (dailyQuota > 0 && callsToday > dailyQuota) {
      return false;
    }
    return perSecond <= 0 || takeToken(now);
  }

  private boolean takeToken(Instant now) {
    long elapsedNanos = Math.max(0, java.time.Duration.between(refilledAt, now).toNanos());
    tokens = Math.min(burst, tokens + elapsedNanos / 1e9 * perSecond);
    refilledAt = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
