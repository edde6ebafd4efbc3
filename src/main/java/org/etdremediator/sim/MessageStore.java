package org.etdremediator.sim;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The messages the ETD simulator knows, searchable by received time and verdict. */
final class MessageStore {

  private record Stored(Instant received, String id, String verdict, JsonObject json) {}

  private static final Comparator<Stored> ORDER =
      Comparator.comparing(Stored::received).thenComparing(Stored::id);

  private final List<Stored> messages = new ArrayList<>();

  /**
   * Adds a message in ETD's JSON shape. A message without a readable {@code timestamp} is kept but
   * never found, as a search filters on that field.
   */
  synchronized void add(JsonObject message) {
    JsonObject copy = message.copy();
    String id = copy.getValue("id") instanceof String s ? s : "";
    messages.add(new Stored(received(copy), id, verdict(copy), copy));
  }

  /** The matching messages in received order, then id: a snapshot later additions leave alone. */
  synchronized List<JsonObject> search(SearchQuery.Key query) {
    return messages.stream()
        .filter(m -> m.received != null)
        .filter(m -> !m.received.isBefore(query.start()) && !m.received.isAfter(query.end()))
        .filter(m -> query.verdicts().isEmpty() || query.verdicts().contains(m.verdict))
        .sorted(ORDER)
        .map(Stored::json)
        .toList();
  }

  /** The verdict that counts: {@code verdict.latestVerdict}, else {@code verdict.category}. */
  static String verdict(JsonObject message) {
    if (message.getValue("verdict") instanceof JsonObject verdict) {
      if (verdict.getValue("latestVerdict") instanceof String latest && !latest.isEmpty()) {
        return latest;
      }
      if (verdict.getValue("category") instanceof String category && !category.isEmpty()) {
        return category;
      }
    }
    return "noVerdict";
  }

  private static Instant received(JsonObject message) {
    if (!(message.getValue("timestamp") instanceof String text)) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
