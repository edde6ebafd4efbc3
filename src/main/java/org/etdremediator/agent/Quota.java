package org.etdremediator.agent;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts ETD requests against the daily quota, which resets at midnight UTC. Past 80 % it warns
 * once a day and asks retro scans to wait, so the regular searches keep their share.
 */
public final class Quota {
  private static final Logger LOG = LoggerFactory.getLogger(Quota.class);
  private static final double WARN_AT = 0.8;
  private static final double RETRO_STOP_AT = 0.95;

  private final Clock clock;
  private int limit;
  private LocalDate day;
  private int used;
  private boolean warned;

  public Quota(Clock clock, int limit, LocalDate day, int used) {
    this.clock = clock;
    this.limit = limit;
    this.day = day == null ? today() : day;
    this.used = used;
  }

  public void setLimit(int newLimit) {
    limit = newLimit;
  }

  /** Counts one request. */
  public void count() {
    roll();
    used++;
    if (!warned && used >= limit * WARN_AT) {
      warned = true;
      LOG.warn(
          "ETD daily request quota: {} of {} used today (UTC); retro scans are stretched until"
              + " midnight UTC",
          used,
          limit);
    }
  }

  /**
   * How many retro intervals must pass before the next retro scan: one normally, four past 80 % of
   * the quota, none at all past 95 %.
   */
  public int retroStretch() {
    roll();
    if (used >= limit * RETRO_STOP_AT) {
      return Integer.MAX_VALUE;
    }
    return used >= limit * WARN_AT ? 4 : 1;
  }

  public LocalDate day() {
    roll();
    return day;
  }

  public int used() {
    roll();
    return used;
  }

  private void roll() {
    LocalDate now = today();
    if (!now.equals(day)) {
      day = now;
      used = 0;
      warned = false;
    }
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
