package org.etdremediator.etd;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one message of an ETD search page into a {@link Conviction}. ETD may leave any field
 * missing, null or empty; only a message without an id cannot be used at all.
 */
public final class ConvictionParser {
  private static final Logger LOG = LoggerFactory.getLogger(ConvictionParser.class);
  // An address as mail systems write it: a dot-atom local part, and a domain of letter-digit
  // labels. Anything else around it (names, brackets, mailto:, ?query, a trailing dot) is not part
  // of it, and an address broken by other characters is not one.
  private static final Pattern ADDRESS =
      Pattern.compile(
          "(?<![a-z0-9.!#$%&'*+/=^_`{|}~-])[a-z0-9!#$%&'*+/=^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=^_`{|}~-]+)*"
              + "@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(?![a-z0-9-])");

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
            bareAddress(text(json, "fromAddress")),
            addresses(json.getValue("mailboxes")),
            normaliseMessageId(text(json, "internetMessageId")),
            text(json, "subject"),
            normaliseVerdict(category),
            instant(verdict.getValue("timestamp")),
            yes(verdict.getValue("isRetroVerdict")),
            yes(action.getValue("isAutoRemediated")));
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

  /** A flag ETD may send as a boolean or as the text "true". */
  private static boolean yes(Object value) {
    return Boolean.TRUE.equals(value) || (value instanceof String s && s.equalsIgnoreCase("true"));
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
          List<String> found = addressesIn(s);
          if (found.isEmpty()) {
            LOG.warn("ignoring a mailbox ETD gave that holds no address: '{}'", printable(s));
          }
          for (String address : found) {
            if (!out.contains(address)) {
              out.add(address);
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * Every address in {@code raw}, bare and lower case. ETD may write a mailbox as {@code Name
   * <a@b>}, {@code <a@b>}, {@code mailto:a@b?subject=x}, or several in one entry; filters and the
   * SMA compare bare addresses, so an excluded mailbox in another spelling is still excluded.
   */
  public static List<String> addressesIn(String raw) {
    List<String> out = new ArrayList<>();
    Matcher m = ADDRESS.matcher(raw.toLowerCase(Locale.ROOT));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** The first address in {@code raw}, bare and lower case, or empty when it holds none. */
  public static String bareAddress(String raw) {
    List<String> found = addressesIn(raw);
    return found.isEmpty() ? "" : found.get(0);
  }

  private static String printable(String text) {
    return text.strip().replaceAll("\\p{Cntrl}", "?");
  }
}
