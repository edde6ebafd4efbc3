package org.etdremediator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  @DisplayName("each unit reads as written")
  void units() {
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
    assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
    assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
    assertEquals(Duration.ofHours(1), Durations.parse("1h"));
    assertEquals(Duration.ofDays(7), Durations.parse("7d"));
  }

  @Test
  @DisplayName("units combine from the largest down")
  void combined() {
    assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
    assertEquals(Duration.ofDays(1).plusSeconds(1).plusMillis(5), Durations.parse("1d1s5ms"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "30", "30x", "s", "-5m", "5 m", "30m1h", "1h1h", "1.5h", "5M"})
  @DisplayName("anything else is refused with a hint how to write it")
  void refused(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    assertTrue(e.getMessage().contains("(write "), e.getMessage());
  }

  @Test
  @DisplayName("a number without a unit suggests the unit")
  void bareNumber() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("30"));
    assertEquals("a duration needs a unit: '30' (write 30s or 30m)", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "500ms", "30s", "5m", "1h30m", "7d", "14d", "1d2h3m4s5ms"})
  @DisplayName("format writes what parse reads back")
  void roundTrip(String text) {
    assertEquals(text, Durations.format(Durations.parse(text)));
  }
}
