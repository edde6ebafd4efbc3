package org.etdremediator.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.etdremediator.config.ScheduleSettings;
import org.etdremediator.etd.SearchWindow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The windows a cycle searches")
class SearchPlanTest {
  private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z");
  private static final ScheduleSettings SCHEDULE =
      new ScheduleSettings(
          Duration.ofMinutes(1),
          Duration.ofMinutes(1),
          Duration.ofMinutes(2),
          Duration.ofHours(1),
          Duration.ofDays(7),
          Duration.ofHours(1));

  @Test
  @DisplayName("the first start looks back initialLookback and ends searchLag before now")
  void firstStart() {
    SearchPlan plan = SearchPlan.make(NOW, null, SCHEDULE, false);
    assertEquals(1, plan.regular().size());
    assertEquals(NOW.minus(Duration.ofHours(1)), plan.regular().get(0).from());
    assertEquals(NOW.minus(Duration.ofMinutes(1)), plan.to());
    assertTrue(plan.retro().isEmpty());
  }

  @Test
  @DisplayName("each window starts overlap before the checkpoint")
  void overlap() {
    Instant checkpoint = NOW.minus(Duration.ofMinutes(2));
    SearchPlan plan = SearchPlan.make(NOW, checkpoint, SCHEDULE, false);
    assertEquals(checkpoint.minus(Duration.ofMinutes(2)), plan.regular().get(0).from());
  }

  @Test
  @DisplayName("a retro scan covers the stretch from retroLookback up to the regular window")
  void retro() {
    Instant checkpoint = NOW.minus(Duration.ofMinutes(2));
    SearchPlan plan = SearchPlan.make(NOW, checkpoint, SCHEDULE, true);
    assertEquals(NOW.minus(Duration.ofDays(7)), plan.retro().get(0).from());
    assertEquals(plan.regular().get(0).from(), plan.retro().get(plan.retro().size() - 1).to());
  }

  @Test
  @DisplayName("after 40 days down the gap is caught up in slices of at most 32 days")
  void longDowntime() {
    SearchPlan plan = SearchPlan.make(NOW, NOW.minus(Duration.ofDays(40)), SCHEDULE, false);
    assertEquals(2, plan.regular().size());
    for (SearchWindow w : plan.regular()) {
      assertTrue(Duration.between(w.from(), w.to()).compareTo(SearchWindow.MAX_SPAN) <= 0);
    }
    assertEquals(plan.regular().get(0).to(), plan.regular().get(1).from());
    assertNull(plan.unreachable());
  }

  @Test
  @DisplayName("nothing older than ETD's 90 days is asked for, and the lost span is named")
  void beyondReach() {
    Instant checkpoint = NOW.minus(Duration.ofDays(120));
    SearchPlan plan = SearchPlan.make(NOW, checkpoint, SCHEDULE, true);
    Instant oldest = NOW.minus(Duration.ofDays(90)).plus(SearchPlan.REACH_MARGIN);
    assertEquals(oldest, plan.regular().get(0).from());
    assertNotNull(plan.unreachable());
    assertEquals(checkpoint.minus(Duration.ofMinutes(2)), plan.unreachable().from());
    assertEquals(oldest, plan.unreachable().to());
    assertTrue(plan.retro().isEmpty(), "the regular window already reaches further back");
  }
}
