package org.etdremediator.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RemediatedIdsTest {

  private static final Instant AT = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  @DisplayName("a UUID id comes back exactly, with when and how")
  void uuidRoundTrip() {
    RemediatedIds ids = new RemediatedIds(0);
    String id = UUID.randomUUID().toString();
    Remediation r = new Remediation(id, AT, "bec", "delete", 202, 3);

    ids.put(r);

    assertTrue(ids.contains(id));
    assertEquals(Optional.of(r), ids.get(id));
    assertEquals(1, ids.uuidCount());
  }

  @Test
  @DisplayName("ids and values the packed form cannot hold are kept in full")
  void fallbacks() {
    RemediatedIds ids = new RemediatedIds(0);
    String upper = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    Remediation odd = new Remediation("msg-17", AT.plusMillis(250), "phishing", "delete", 200, 1);
    Remediation newVerdict =
        new Remediation(UUID.randomUUID().toString(), AT, "quishing", "delete", 200, 1);
    Remediation nil = new Remediation(new UUID(0, 0).toString(), AT, "bec", "delete", 200, 1);

    ids.put(new Remediation(upper, AT, "bec", "delete", 200, 1));
    ids.put(odd);
    ids.put(newVerdict);
    ids.put(nil);

    assertEquals(4, ids.size());
    assertEquals(0, ids.uuidCount());
    assertTrue(ids.contains(upper));
    assertFalse(ids.contains(upper.toLowerCase(Locale.ROOT)));
    assertEquals(Optional.of(odd), ids.get("msg-17"));
    assertEquals(Optional.of(newVerdict), ids.get(newVerdict.etdId()));
    assertTrue(ids.contains(nil.etdId()));
  }

  @Test
  @DisplayName("a second remediation of the same id replaces the first, packed or not")
  void replace() {
    RemediatedIds ids = new RemediatedIds(0);
    String id = UUID.randomUUID().toString();

    ids.put(new Remediation(id, AT, "bec", "delete", 202, 1));
    ids.put(new Remediation(id, AT, "bec", "newAction", 202, 1));
    assertEquals(1, ids.size());
    assertEquals("newAction", ids.get(id).orElseThrow().action());

    ids.put(new Remediation(id, AT, "bec", "forward", 202, 2));
    assertEquals(1, ids.size());
    assertEquals(1, ids.uuidCount());
    assertEquals("forward", ids.get(id).orElseThrow().action());
  }

  @Test
  @DisplayName("expiry and growth keep every remaining id findable")
  void expiryMatchesAMap() {
    RemediatedIds ids = new RemediatedIds(0);
    Map<String, Instant> expected = new HashMap<>();
    Random random = new Random(42);
    for (int i = 0; i < 50_000; i++) {
      String id = new UUID(random.nextLong(), random.nextLong()).toString();
      Instant at = AT.minusSeconds(random.nextInt(1000));
      ids.put(new Remediation(id, at, "scam", "fwdDelete", 202, 1));
      expected.put(id, at);
    }
    Instant cutoff = AT.minusSeconds(500);

    int dropped = ids.expire(cutoff);

    expected.values().removeIf(at -> at.isBefore(cutoff));
    assertEquals(50_000 - expected.size(), dropped);
    assertEquals(expected.size(), ids.size());
    expected.forEach((id, at) -> assertEquals(at, ids.get(id).orElseThrow().at(), id));
    int[] seen = {0};
    ids.forEachPacked((msb, lsb, s, c, st, a) -> seen[0]++);
    assertEquals(expected.size(), seen[0]);
  }

  @Test
  @DisplayName("removing ids out of a crowded table keeps the others findable")
  void removals() {
    RemediatedIds ids = new RemediatedIds(0);
    Random random = new Random(7);
    String[] all = new String[20_000];
    for (int i = 0; i < all.length; i++) {
      all[i] = new UUID(random.nextLong(), random.nextLong()).toString();
      ids.put(new Remediation(all[i], AT, "bec", "delete", 200, 1));
    }

    for (int i = 0; i < all.length; i += 3) {
      ids.remove(all[i]);
    }

    for (int i = 0; i < all.length; i++) {
      assertEquals(i % 3 != 0, ids.contains(all[i]), all[i]);
    }
  }
}
