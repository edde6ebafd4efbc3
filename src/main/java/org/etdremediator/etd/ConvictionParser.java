package org.etdremediator.etd;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one message of an ETD search page into a {@link Conviction}. ETD may leave any field
 * missing, null or empty; only a message without an id cannot be used at all.
 */
public final class ConvictionParser {
  private ConvictionParser() {}

  /** The outcome for one message: a conviction, or the reason it could not be read. */
  public record Parsed(Conviction conviction, String problem) {
    public boolean ok() {
      return conviction != null;
    }
  }

  public static Parsed parse(Object element) {
    if (!(element instanceof JsonObject json)) {
      return new Parsed(null, "not a JSON object");
    }
    String id = text(json, "id");
    if (id.isEmpty()) {
      return new Parsed(null, "message without an id");
    }
    JsonObject verdict = object(json, "verdict");
    JsonObject action = object(json, "action");
    String latest = text(verdict, "latestVerdict");
    String category = latest.isEmpty() ? text(verdict, "category") : latest;
    Conviction conviction =
        new Conviction(
            id,
            instant(json.getValue("timestamp")),
            text(json, "direction").toLowerCase(Locale.ROOT),
            text(json, "fromAddress"),
            addresses(json.getValue("mailboxes")),
            normaliseMessageId(text(json, "internetMessageId")),
            text(json, "subject"),
            normaliseVerdict(category),
            instant(verdict.getValue("timestamp")),
            Boolean.TRUE.equals(verdict.getValue("isRetroVerdict")),
            Boolean.TRUE.equals(action.getValue("isAutoRemediated")));
    return new Parsed(conviction, null);
  }

  /** The Message-ID with its angle brackets, which ETD sometimes leaves off. */
  public static String normaliseMessageId(String raw) {
    String id = raw.strip();
    if (id.isEmpty()) {
      return "";
    }
    if (!id.startsWith("<")) {
      id = "<" + id;
    }
    if (!id.endsWith(">")) {
      id = id + ">";
    }
    return id;
  }

  private static String normaliseVerdict(String verdict) {
    // ETD spells one verdict in camel case; every other one is lower case.
    return verdict.equalsIgnoreCase("noVerdict") ? "noVerdict" : verdict.toLowerCase(Locale.ROOT);
  }

  /** An ISO-8601 time with 0 to 9 fraction digits and a Z or an offset; null when unreadable. */
  public static Instant instant(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException notZulu) {
      try {
        return OffsetDateTime.parse(text.strip()).toInstant();
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  private static String text(JsonObject json, String key) {
    Object value = json.getValue(key);
    return value instanceof String s ? s : "";
  }

  private static JsonObject object(JsonObject json, String key) {
    Object value = json.getValue(key);
    return value instanceof JsonObject o ? o : new JsonObject();
  }

  private static List<String> addresses(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (Object item : array) {
        if (item instanceof String s && !s.isBlank()) {
          String address = s.strip().toLowerCase(Locale.ROOT);
          if (!out.contains(address)) {
            out.add(address);
          }
        }
      }
    }
    return out;
  }
}
