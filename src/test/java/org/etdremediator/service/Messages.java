package org.etdremediator.service;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** ETD messages written out one field at a time, for tests about one property of a message. */
final class Messages {
  private Messages() {}

  /** An incoming phishing message to alice, received twenty minutes ago and convicted at once. */
  static JsonObject conviction() {
    return receivedAgo(Duration.ofMinutes(20));
  }

  /**
   * A conviction received half a minute ago: one published while the agent runs, which the next
   * regular window still covers.
   */
  static JsonObject recent() {
    return receivedAgo(Duration.ofSeconds(30));
  }

  private static JsonObject receivedAgo(Duration age) {
    String id = UUID.randomUUID().toString();
    Instant received = Instant.now().minus(age);
    return new JsonObject()
        .put("id", id)
        .put("timestamp", received.toString())
        .put("direction", "incoming")
        .put("domain", "example.com")
        .put("fromAddress", "it-helpdesk@examp1e-login.test")
        .put("mailboxes", new JsonArray().add("alice@example.com"))
        .put("toAddresses", new JsonArray().add("alice@example.com"))
        .put("internetMessageId", "<" + id + "@mailer.examp1e-login.test>")
        .put("subject", "Action required: your password expires today")
        .put(
            "verdict",
            new JsonObject()
                .put("category", "phishing")
                .put("originalVerdict", "phishing")
                .put("latestVerdict", "phishing")
                .put("isRetroVerdict", false)
                .put("timestamp", received.plusSeconds(4).toString()))
        .put("action", new JsonObject());
  }

  static JsonObject withVerdict(JsonObject m, String verdict) {
    m.getJsonObject("verdict")
        .put("category", verdict)
        .put("originalVerdict", verdict)
        .put("latestVerdict", verdict);
    return m;
  }

  static JsonObject withMailboxes(JsonObject m, String... mailboxes) {
    return m.put("mailboxes", new JsonArray(List.of((Object[]) mailboxes)))
        .put("toAddresses", new JsonArray(List.of((Object[]) mailboxes)));
  }
}
