package org.etdremediator.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;

/**
 * A search request body, checked as strictly as ETD checks it.
 *
 * @param start the start of the received-time range, inclusive
 * @param end the end of the range, inclusive
 * @param verdicts the verdicts asked for, empty for all
 * @param pageSize how many messages a page carries at most
 * @param pageToken the token of the page asked for, null for the first page
 */
record SearchQuery(
    Instant start, Instant end, Set<String> verdicts, int pageSize, String pageToken) {

  static final Set<String> VERDICTS =
      Set.of("spam", "malicious", "phishing", "graymail", "neutral", "bec", "scam", "noVerdict");

  static final Duration MAX_SPAN = Duration.ofDays(32);
  static final Duration MAX_AGE = Duration.ofDays(90);
  static final int MAX_PAGE_SIZE = 100;

  private static final Set<String> FIELDS =
      Set.of("timestamp", "verdicts", "pageSize", "pageToken");

  /** What identifies the result set a page token belongs to. */
  record Key(Instant start, Instant end, Set<String> verdicts) {}

  Key key() {
    return new Key(start, end, verdicts);
  }

  static SearchQuery parse(JsonObject body, Instant now) throws SearchRefusal {
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw badBody();
      }
    }
    Instant[] range = range(body.getValue("timestamp"), now);
    return new SearchQuery(
        range[0],
        range[1],
        verdicts(body.getValue("verdicts")),
        pageSize(body.getValue("pageSize")),
        pageToken(body.getValue("pageToken")));
  }

  private static Instant[] range(Object value, Instant now) throws SearchRefusal {
    if (!(value instanceof JsonArray array)
        || array.size() != 2
        || !(array.getValue(0) instanceof String first)
        || !(array.getValue(1) instanceof String second)) {
      throw badBody();
    }
    Instant start = instant(first);
    Instant end = instant(second);
    if (!start.isBefore(end)
        || Duration.between(start, end).compareTo(MAX_SPAN) > 0
        || start.isBefore(now.minus(MAX_AGE))
        || end.isAfter(now)) {
      throw new SearchRefusal(400, EtdErrors.BAD_RANGE);
    }
    return new Instant[] {start, end};
  }

  private static Instant instant(String text) throws SearchRefusal {
    // Only UTC is accepted; an offset such as +01:00 is refused rather than converted.
    if (!text.endsWith("Z")) {
      throw new SearchRefusal(400, EtdErrors.BAD_RANGE);
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new SearchRefusal(400, EtdErrors.BAD_RANGE);
    }
  }

  private static Set<String> verdicts(Object value) throws SearchRefusal {
    if (value == null) {
      return Set.of();
    }
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw badBody();
    }
    Set<String> verdicts = new TreeSet<>();
    for (Object element : array) {
      if (!(element instanceof String verdict)) {
        throw badBody();
      }
      if (!VERDICTS.contains(verdict)) {
        throw new SearchRefusal(400, "Invalid verdict: " + verdict);
      }
      verdicts.add(verdict);
    }
    return Set.copyOf(verdicts);
  }

  private static int pageSize(Object value) throws SearchRefusal {
    if (value == null) {
      return MAX_PAGE_SIZE;
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      throw badBody();
    }
    long size = ((Number) value).longValue();
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new SearchRefusal(400, "Invalid pageSize: must be between 1 and " + MAX_PAGE_SIZE);
    }
    return (int) size;
  }

  private static String pageToken(Object value) throws SearchRefusal {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String token) || token.isEmpty()) {
      throw badBody();
    }
    return token;
  }

  private static SearchRefusal badBody() {
    return new SearchRefusal(400, EtdErrors.BAD_BODY);
  }
}
