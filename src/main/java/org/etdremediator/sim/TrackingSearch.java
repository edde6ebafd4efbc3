package org.etdremediator.sim;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.etdremediator.sim.SmaSimulator.TrackedMessage;

/** The SMA's message tracking search over the messages made visible to it. */
final class TrackingSearch {

  private static final Pattern DATE =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:(\\d{2})\\.(\\d{3})Z");

  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss '(GMT)'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private static final int DEFAULT_LIMIT = 20;

  private final List<TrackedMessage> messages = new ArrayList<>();
  // Searches by Message-ID look in this index, so a site with many thousand tracked messages
  // answers each lookup without scanning them all.
  private final Map<String, List<TrackedMessage>> byMessageId = new HashMap<>();

  synchronized void add(TrackedMessage message) {
    messages.add(message);
    byMessageId.computeIfAbsent(message.messageId(), k -> new ArrayList<>()).add(message);
  }

  /**
   * The answer to a search with these query parameters.
   *
   * @throws SmaRefusal for a missing or malformed parameter
   * @throws BadDate for a date with seconds or milliseconds
   */
  JsonObject search(MultiMap params) throws SmaRefusal, BadDate {
    Instant start = date(params, "startDate");
    Instant end = date(params, "endDate");
    if (start.isAfter(end)) {
      throw new SmaRefusal("startDate: must not be after endDate");
    }
    if (!"messages".equals(params.get("searchOption"))) {
      throw new SmaRefusal("searchOption: must be messages");
    }
    int offset = number(params, "offset", 0, 0);
    int limit = number(params, "limit", DEFAULT_LIMIT, 1);
    String messageId = params.get("messageIdHeader");

    List<TrackedMessage> found;
    synchronized (this) {
      List<TrackedMessage> candidates =
          messageId == null ? messages : byMessageId.getOrDefault(messageId, List.of());
      found =
          candidates.stream()
              .filter(m -> !m.timestamp().isBefore(start) && !m.timestamp().isAfter(end))
              .filter(m -> messageId == null || messageId.equals(m.messageId()))
              .sorted(Comparator.comparing(TrackedMessage::timestamp))
              .skip(offset)
              .limit(limit)
              .toList();
    }
    JsonArray data = new JsonArray();
    found.forEach(m -> data.add(new JsonObject().put("attributes", attributes(m))));
    return new JsonObject()
        .put("meta", new JsonObject().put("num_bad_records", 0).put("totalCount", data.size()))
        .put("data", data);
  }

  /** A date with non-zero seconds or milliseconds, which the SMA answers in its own way. */
  static final class BadDate extends Exception {
    BadDate() {
      super(null, null, false, false);
    }
  }

  private static Instant date(MultiMap params, String name) throws SmaRefusal, BadDate {
    String text = params.get(name);
    if (text == null) {
      throw new SmaRefusal(name + ": missing");
    }
    Matcher matcher = DATE.matcher(text);
    if (!matcher.matches()) {
      throw new SmaRefusal(name + ": expected the form 2026-03-04T09:15:00.000Z, got " + text);
    }
    if (!matcher.group(1).equals("00") || !matcher.group(2).equals("000")) {
      throw new BadDate();
    }
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new SmaRefusal(name + ": not a date: " + text);
    }
  }

  private static int number(MultiMap params, String name, int fallback, int min) throws SmaRefusal {
    String text = params.get(name);
    if (text == null) {
      return fallback;
    }
    if (!text.matches("\\d{1,9}") || Integer.parseInt(text) < min) {
      throw new SmaRefusal(name + ": must be an integer of at least " + min);
    }
    return Integer.parseInt(text);
  }

  private static JsonObject attributes(TrackedMessage m) {
    String mid = Long.toString(m.mid());
    JsonArray recipients = new JsonArray(new ArrayList<Object>(m.recipients()));
    long icid = 10_000 + m.mid();
    return new JsonObject()
        .put("hostName", m.hostName())
        .put("serialNumber", m.serialNumber())
        .put("mid", new JsonArray().add(m.mid()))
        .put("icid", icid)
        .put("allIcid", new JsonArray().add(icid))
        .put("dcid", new JsonArray().add(4_000 + m.mid()))
        .put("messageID", new JsonObject().put(mid, m.messageId()))
        .put("messageStatus", new JsonObject().put(mid, "Delivered"))
        .put("recipientMap", new JsonObject().put(mid, recipients.copy()))
        .put("recipient", recipients)
        .put("sender", m.sender())
        .put("subject", m.subject())
        .put("finalSubject", new JsonObject().put(mid, m.subject()))
        .put("timestamp", SHOWN.format(m.timestamp()))
        .put("direction", "incoming");
  }
}
