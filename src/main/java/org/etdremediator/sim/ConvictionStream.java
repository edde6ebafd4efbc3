package org.etdremediator.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic ETD search results for the demo and for tests: convictions mixed with mail ETD did not
 * convict, and the untidy corners real data has (no mailboxes, Message-IDs without brackets,
 * timestamps of any precision, retro verdicts, mail ETD already moved).
 */
public final class ConvictionStream {

  private static final String[] CONVICTED = {"bec", "scam", "phishing", "malicious"};
  private static final String[] NOT_CONVICTED = {"spam", "graymail", "neutral", "noVerdict"};
  private static final String[] USERS = {
    "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"
  };
  private static final String[] SENDER_DOMAINS = {
    "examp1e-login.test", "invoice-portal.test", "parcel-notice.test", "payroll-update.test"
  };
  private static final String[] SUBJECTS = {
    "Action required: your password expires today",
    "Urgent wire transfer",
    "Your parcel could not be delivered",
    "Invoice overdue",
    "Shared document",
    "Payroll change confirmation"
  };
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private ConvictionStream() {}

  /**
   * {@code n} messages received between {@code from} and {@code to}, in no particular order; the
   * same seed gives the same messages, ids included.
   */
  public static List<JsonObject> generate(long seed, int n, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to: " + from + ", " + to);
    }
    Random random = new Random(seed);
    List<JsonObject> messages = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      messages.add(message(random, from, to));
    }
    return messages;
  }

  private static JsonObject message(Random random, Instant from, Instant to) {
    int digits = random.nextInt(10);
    Instant received = truncate(between(random, from, to), digits);
    if (received.isBefore(from)) {
      received = received.plusNanos(unit(digits));
    }
    String user = pick(random, USERS);
    String senderDomain = pick(random, SENDER_DOMAINS);
    String sender = "noreply" + random.nextInt(100) + "@" + senderDomain;
    JsonArray recipients = recipients(random, user);
    String localId = Long.toHexString(random.nextLong() & Long.MAX_VALUE).toUpperCase();
    String messageId = localId + "@mail." + senderDomain;

    JsonObject message =
        new JsonObject()
            .put("id", uuid(random).toString())
            .put("timestamp", format(received, digits))
            .put("direction", direction(random))
            .put("domain", "example.com")
            .put("fromAddress", sender)
            .put("senderName", "Notification Service")
            .put("returnPath", "bounce@" + senderDomain)
            .put("toAddresses", recipients.copy())
            .put("envelopeTo", recipients.copy())
            .put("deliveredTo", recipients.copy())
            .put("internetMessageId", random.nextInt(5) == 0 ? messageId : "<" + messageId + ">")
            .put("subject", pick(random, SUBJECTS))
            .put("clientIP", "203.0.113." + random.nextInt(256))
            .put("serverIP", "10.0.8." + random.nextInt(256))
            .put("urlMetadata", new JsonArray())
            .put("attachments", new JsonArray())
            .put("verdict", verdict(random, received))
            .put("action", action(random, received));
    mailboxes(random, message, recipients);
    return message;
  }

  private static JsonArray recipients(Random random, String user) {
    JsonArray recipients = new JsonArray().add(user + "@example.com");
    if (random.nextInt(5) == 0) {
      int extra = 1 + random.nextInt(3);
      for (int i = 0; i < extra; i++) {
        String other = pick(random, USERS);
        if (!recipients.contains(other + "@example.com")) {
          recipients.add(other + "@example.com");
        }
      }
    }
    return recipients;
  }

  // About one message in eight has no usable mailbox: the key missing, an empty list, or null.
  private static void mailboxes(Random random, JsonObject message, JsonArray recipients) {
    switch (random.nextInt(24)) {
      case 0 -> {}
      case 1 -> message.put("mailboxes", new JsonArray());
      case 2 -> message.putNull("mailboxes");
      default -> message.put("mailboxes", recipients.copy());
    }
  }

  private static JsonObject verdict(Random random, Instant received) {
    boolean convicted = random.nextInt(10) < 7;
    String verdict = convicted ? pick(random, CONVICTED) : pick(random, NOT_CONVICTED);
    boolean retro = convicted && random.nextInt(10) == 0;
    Duration delay =
        retro
            ? Duration.ofMinutes(60 + random.nextInt(8 * 60))
            : Duration.ofSeconds(1 + random.nextInt(30));
    return new JsonObject()
        .put("category", verdict)
        .put("originalVerdict", retro ? "neutral" : verdict)
        .put("latestVerdict", verdict)
        .put("isRetroVerdict", retro)
        .put("isManualVerdict", false)
        .put("timestamp", format(received.plus(delay).truncatedTo(ChronoUnit.SECONDS), 0))
        .put("techniques", new JsonArray())
        .put("businessRisk", "")
        .put("userId", "")
        .put("publicApiClientId", "");
  }

  private static JsonObject action(Random random, Instant received) {
    if (random.nextInt(20) != 0) {
      return new JsonObject();
    }
    return new JsonObject()
        .put("type", "move")
        .put("folder", "Junk Email")
        .put("isAutoRemediated", true)
        .put("timestamp", format(received.plusSeconds(60).truncatedTo(ChronoUnit.SECONDS), 0));
  }

  private static String direction(Random random) {
    int roll = random.nextInt(20);
    return roll < 15 ? "incoming" : roll < 18 ? "internal" : "outgoing";
  }

  private static Instant between(Random random, Instant from, Instant to) {
    long span = Duration.between(from, to).toNanos();
    return from.plusNanos((long) (random.nextDouble() * span));
  }

  private static Instant truncate(Instant instant, int digits) {
    return instant.minusNanos(instant.getNano() % unit(digits));
  }

  private static long unit(int digits) {
    return (long) Math.pow(10, 9 - digits);
  }

  /** ISO-8601 in UTC with exactly {@code digits} fraction digits, as ETD writes them. */
  private static String format(Instant instant, int digits) {
    String text = SECONDS.format(instant);
    if (digits > 0) {
      text += "." + String.format("%09d", instant.getNano()).substring(0, digits);
    }
    return text + "Z";
  }

  private static UUID uuid(Random random) {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
