package org.etdremediator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Faults: which fault a request gets")
class FaultsTest {

  private static List<String> draw(Faults faults, int n) {
    List<String> drawn = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      drawn.add(String.valueOf(faults.take(Endpoint.values()[i % 5])));
    }
    return drawn;
  }

  @Test
  @DisplayName("chaos gives the same faults for the same seed and different ones for another")
  void chaosDeterministic() {
    Faults a = new Faults();
    Faults b = new Faults();
    Faults c = new Faults();
    a.chaos(7, 0.5, Duration.ofMillis(100));
    b.chaos(7, 0.5, Duration.ofMillis(100));
    c.chaos(8, 0.5, Duration.ofMillis(100));
    List<String> first = draw(a, 200);
    assertEquals(first, draw(b, 200));
    assertNotEquals(first, draw(c, 200));
  }

  @Test
  @DisplayName("chaos mixes latency, 429, 5xx, drop and garbage, with latency within the maximum")
  void chaosMix() {
    Faults faults = new Faults();
    faults.chaos(1, 1.0, Duration.ofMillis(50));
    Set<Fault.Kind> kinds = new HashSet<>();
    boolean sawTooMany = false;
    boolean sawServerError = false;
    for (int i = 0; i < 500; i++) {
      Fault fault = faults.take(Endpoint.ETD_SEARCH);
      kinds.add(fault.kind());
      assertTrue(fault.delay().toMillis() <= 50);
      sawTooMany |= fault.status() == 429;
      sawServerError |= fault.status() >= 500;
    }
    assertEquals(
        Set.of(Fault.Kind.LATENCY, Fault.Kind.STATUS, Fault.Kind.DROP, Fault.Kind.GARBAGE), kinds);
    assertTrue(sawTooMany && sawServerError);
    assertEquals(500, faults.injected());
  }

  @Test
  @DisplayName("chaos with probability 0 never faults")
  void chaosNever() {
    Faults faults = new Faults();
    faults.chaos(1, 0.0, Duration.ofMillis(50));
    for (int i = 0; i < 100; i++) {
      assertNull(faults.take(Endpoint.SMA_LOGIN));
    }
    assertEquals(0, faults.injected());
  }

  @Test
  @DisplayName("queued faults come first in, first out, before standing ones")
  void queueOrder() {
    Faults faults = new Faults();
    faults.always(Endpoint.ETD_TOKEN, Fault.status(503));
    faults.next(Endpoint.ETD_TOKEN, Fault.drop(), 1);
    faults.next(Endpoint.ETD_TOKEN, Fault.garbage(), 1);
    assertEquals(Fault.drop(), faults.take(Endpoint.ETD_TOKEN));
    assertEquals(Fault.garbage(), faults.take(Endpoint.ETD_TOKEN));
    assertEquals(Fault.status(503), faults.take(Endpoint.ETD_TOKEN));
  }

  @Test
  @DisplayName("a fault queued for an endpoint wins over one queued for ANY")
  void endpointBeforeAny() {
    Faults faults = new Faults();
    faults.next(Endpoint.ANY, Fault.status(500), 1);
    faults.next(Endpoint.SMA_TRACKING, Fault.html(), 1);
    assertEquals(Fault.html(), faults.take(Endpoint.SMA_TRACKING));
    assertEquals(Fault.status(500), faults.take(Endpoint.SMA_TRACKING));
    assertNull(faults.take(Endpoint.SMA_TRACKING));
  }

  @Test
  @DisplayName("clear removes queued, standing and chaos faults but keeps the count")
  void clear() {
    Faults faults = new Faults();
    faults.next(Endpoint.ANY, Fault.status(500), 3);
    faults.take(Endpoint.ETD_TOKEN);
    faults.always(Endpoint.ANY, Fault.drop());
    faults.chaos(1, 1.0, Duration.ZERO);
    faults.clear();
    assertNull(faults.take(Endpoint.ETD_TOKEN));
    assertEquals(1, faults.injected());
  }
}
