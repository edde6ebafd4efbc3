package org.etdremediator.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.etdremediator.sim.ConvictionStream;

/**
 * Convictions that all qualify for remediation: the realistic messages of {@link ConvictionStream}
 * with a conviction verdict, an incoming direction, a mailbox, and nothing done by ETD itself. So
 * the number published is the number the agent must remediate.
 */
final class BenchConvictions {
  private static final String[] VERDICTS = {"bec", "scam", "phishing", "malicious"};

  private BenchConvictions() {}

  /** {@code n} convictions received in the last 50 minutes; the same seed, the same messages. */
  static List<JsonObject> generate(long seed, int n, Instant now) {
    List<JsonObject> messages =
        ConvictionStream.generate(
            seed, n, now.minus(Duration.ofMinutes(50)), now.minus(Duration.ofMinutes(2)));
    for (int i = 0; i < messages.size(); i++) {
      qualify(messages.get(i), VERDICTS[i % VERDICTS.length]);
    }
    return messages;
  }

  private static void qualify(JsonObject m, String fallbackVerdict) {
    JsonObject verdict = m.getJsonObject("verdict");
    if (!List.of(VERDICTS).contains(verdict.getString("latestVerdict"))) {
      verdict.put("category", fallbackVerdict).put("latestVerdict", fallbackVerdict);
    }
    if (!"internal".equals(m.getString("direction"))) {
      m.put("direction", "incoming");
    }
    JsonArray mailboxes = m.getValue("mailboxes") instanceof JsonArray a ? a : new JsonArray();
    if (mailboxes.isEmpty()) {
      m.put("mailboxes", m.getJsonArray("toAddresses").copy());
    }
    m.put("action", new JsonObject());
  }
}
