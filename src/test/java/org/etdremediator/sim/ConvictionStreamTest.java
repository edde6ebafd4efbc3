package org.etdremediator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Conviction stream")
class ConvictionStreamTest {

  private static final Instant FROM = Instant.parse("2026-03-04T09:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofHours(1));
  private static final List<JsonObject> STREAM = ConvictionStream.generate(11, 1000, FROM, TO);

  private static int mailboxCount(JsonObject message) {
    return message.getValue("mailboxes") instanceof JsonArray a ? a.size() : 0;
  }

  private static long count(Predicate<JsonObject> test) {
    return STREAM.stream().filter(test).count();
  }

  @Test
  @DisplayName("the same seed gives the same messages; another seed gives others")
  void deterministic() {
    assertEquals(STREAM, ConvictionStream.generate(11, 1000, FROM, TO));
    assertNotEquals(STREAM, ConvictionStream.generate(12, 1000, FROM, TO));
  }

  @Test
  @DisplayName("every message is received inside the range and has a distinct UUID")
  void receivedInRange() {
    Set<String> ids = new HashSet<>();
    for (JsonObject m : STREAM) {
      Instant received = Instant.parse(m.getString("timestamp"));
      assertTrue(!received.isBefore(FROM) && received.isBefore(TO), m::encode);
      assertEquals(4, UUID.fromString(m.getString("id")).version());
      ids.add(m.getString("id"));
    }
    assertEquals(STREAM.size(), ids.size());
  }

  @Test
  @DisplayName("mixes convictions with spam, graymail, neutral and noVerdict")
  void verdictMix() {
    Set<String> verdicts = new HashSet<>();
    STREAM.forEach(m -> verdicts.add(MessageStore.verdict(m)));
    assertEquals(
        Set.of("bec", "scam", "phishing", "malicious", "spam", "graymail", "neutral", "noVerdict"),
        verdicts);
  }

  @Test
  @DisplayName("has messages with several mailboxes and with missing, empty or null mailboxes")
  void mailboxes() {
    assertTrue(count(m -> mailboxCount(m) >= 2) > 0);
    assertTrue(count(m -> !m.containsKey("mailboxes")) > 0);
    assertTrue(count(m -> m.containsKey("mailboxes") && m.getValue("mailboxes") == null) > 0);
    assertTrue(count(m -> m.getValue("mailboxes") instanceof JsonArray a && a.isEmpty()) > 0);
    assertTrue(count(m -> mailboxCount(m) > 4) == 0);
  }

  @Test
  @DisplayName("has Message-IDs with and without angle brackets")
  void messageIds() {
    assertTrue(count(m -> m.getString("internetMessageId").startsWith("<")) > 0);
    assertTrue(count(m -> !m.getString("internetMessageId").startsWith("<")) > 0);
  }

  @Test
  @DisplayName("writes timestamps with every number of fraction digits from 0 to 9")
  void fractionDigits() {
    Set<Integer> digits = new HashSet<>();
    for (JsonObject m : STREAM) {
      String text = m.getString("timestamp");
      int dot = text.indexOf('.');
      digits.add(dot < 0 ? 0 : text.length() - dot - 2);
    }
    assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), digits);
  }

  @Test
  @DisplayName("has all three directions, retro verdicts hours late and messages ETD moved")
  void directionsRetroAndAutoRemediated() {
    Set<String> directions = new HashSet<>();
    STREAM.forEach(m -> directions.add(m.getString("direction")));
    assertEquals(Set.of("incoming", "internal", "outgoing"), directions);
    List<JsonObject> retro =
        STREAM.stream()
            .filter(m -> m.getJsonObject("verdict").getBoolean("isRetroVerdict"))
            .toList();
    assertTrue(!retro.isEmpty());
    for (JsonObject m : retro) {
      Duration late =
          Duration.between(
              Instant.parse(m.getString("timestamp")),
              Instant.parse(m.getJsonObject("verdict").getString("timestamp")));
      assertTrue(late.toMinutes() >= 59, m::encode);
    }
    assertTrue(count(m -> m.getJsonObject("action").getBoolean("isAutoRemediated", false)) > 0);
  }
}
