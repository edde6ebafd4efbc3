package org.etdremediator.sma;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads a message-tracking answer: the first record that carries a mid and a serial. */
final class TrackingParser {
  // "04 Mar 2026 09:15:30 (GMT)": the appliance's own time zone, named in brackets.
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss '('zzz')'", Locale.ENGLISH);

  private TrackingParser() {}

  static Optional<TrackingHit> parse(JsonObject body, String messageId) {
    Object data = body.getValue("data");
    if (!(data instanceof JsonArray records)) {
      return Optional.empty();
    }
    for (Object record : records) {
      if (record instanceof JsonObject r && r.getValue("attributes") instanceof JsonObject a) {
        Optional<TrackingHit> hit = hit(a, messageId);
        if (hit.isPresent()) {
          return hit;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<TrackingHit> hit(JsonObject attributes, String messageId) {
    String serial = attributes.getValue("serialNumber") instanceof String s ? s : "";
    List<Long> mids = mids(attributes, messageId);
    if (serial.isBlank() || mids.isEmpty()) {
      return Optional.empty();
    }
    Instant sentAt = timestamp(attributes.getValue("timestamp"));
    return Optional.of(new TrackingHit(mids, serial, sentAt));
  }

  /** The mids whose Message-ID is ours, or all of them when tracking lists no Message-IDs. */
  private static List<Long> mids(JsonObject attributes, String messageId) {
    List<Long> all = new ArrayList<>();
    if (attributes.getValue("mid") instanceof JsonArray array) {
      for (Object mid : array) {
        if (mid instanceof Number n) {
          all.add(n.longValue());
        }
      }
    }
    if (!(attributes.getValue("messageID") instanceof JsonObject ids) || ids.isEmpty()) {
      return all;
    }
    List<Long> matching = new ArrayList<>();
    for (Long mid : all) {
      if (messageId.equals(ids.getValue(String.valueOf(mid)))) {
        matching.add(mid);
      }
    }
    return matching;
  }

  static Instant timestamp(Object value) {
    if (!(value instanceof String text)) {
      return null;
    }
    try {
      return ZonedDateTime.parse(text.strip(), TIMESTAMP).toInstant();
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }
}
