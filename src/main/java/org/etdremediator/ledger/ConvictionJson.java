package org.etdremediator.ledger;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.etdremediator.etd.Conviction;

/** Writes a {@link Conviction} as JSON and reads it back; instants are ISO-8601 strings. */
public final class ConvictionJson {

  private ConvictionJson() {}

  public static JsonObject toJson(Conviction c) {
    return new JsonObject()
        .put("id", c.id())
        .put("receivedAt", instant(c.receivedAt()))
        .put("direction", c.direction())
        .put("fromAddress", c.fromAddress())
        .put("mailboxes", new JsonArray(new ArrayList<Object>(c.mailboxes())))
        .put("messageId", c.messageId())
        .put("subject", c.subject())
        .put("verdict", c.verdict())
        .put("verdictAt", instant(c.verdictAt()))
        .put("retro", c.retro())
        .put("autoRemediated", c.autoRemediated());
  }

  /**
   * Reads what {@link #toJson} wrote.
   *
   * @throws IllegalArgumentException when the id is missing or a field has the wrong type
   */
  public static Conviction fromJson(JsonObject json) {
    String id = json.getString("id");
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("conviction without an id");
    }
    JsonArray boxes = json.getJsonArray("mailboxes", new JsonArray());
    List<String> mailboxes = new ArrayList<>(boxes.size());
    for (int i = 0; i < boxes.size(); i++) {
      mailboxes.add(boxes.getString(i));
    }
    return new Conviction(
        id,
        parseInstant(json.getString("receivedAt")),
        json.getString("direction", ""),
        json.getString("fromAddress", ""),
        mailboxes,
        json.getString("messageId", ""),
        json.getString("subject", ""),
        json.getString("verdict", ""),
        parseInstant(json.getString("verdictAt")),
        json.getBoolean("retro", false),
        json.getBoolean("autoRemediated", false));
  }

  static String instant(Instant at) {
    return at == null ? null : at.toString();
  }

  static Instant parseInstant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
