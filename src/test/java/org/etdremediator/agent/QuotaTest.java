package org.etdremediator.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.etdremediator.sim.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The daily ETD request quota")
class QuotaTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T22:00:00Z"));

  private static void spend(Quota quota, int requests) {
    for (int i = 0; i < requests; i++) {
      quota.count();
    }
  }

  @Test
  @DisplayName("below 80 % a retro scan runs every retroInterval")
  void normalBelowWarning() {
    Quota quota = new Quota(clock, 100, null, 0);
    spend(quota, 79);
    assertEquals(1, quota.retroStretch());
  }

  @Test
  @DisplayName("from 80 % retro scans are four retroIntervals apart")
  void stretchedFromWarning() {
    Quota quota = new Quota(clock, 100, null, 0);
    spend(quota, 80);
    assertEquals(4, quota.retroStretch());
  }

  @Test
  @DisplayName("from 95 % no retro scan runs, leaving the rest to the regular searches")
  void stoppedNearTheEnd() {
    Quota quota = new Quota(clock, 100, null, 0);
    spend(quota, 95);
    assertEquals(Integer.MAX_VALUE, quota.retroStretch());
  }

  @Test
  @DisplayName("a new UTC day starts from zero")
  void resetsAtMidnightUtc() {
    Quota quota = new Quota(clock, 100, null, 0);
    spend(quota, 99);
    clock.advance(Duration.ofHours(2));
    assertEquals(0, quota.used());
    assertEquals(1, quota.retroStretch());
  }

  @Test
  @DisplayName("what was spent before a restart still counts on the same day")
  void survivesRestart() {
    Quota quota =
        new Quota(clock, 100, clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate(), 90);
    assertEquals(4, quota.retroStretch());
  }
}
