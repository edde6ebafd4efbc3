package org.etdremediator.net;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;

/** Reading HTTP answers the same way for both services. */
public final class Responses {
  private static final int MAX_QUOTED = 200;

  private Responses() {}

  /** The body as a JSON object, or null when it is empty or not a JSON object. */
  public static JsonObject jsonObject(HttpResponse<Buffer> response) {
    Buffer body = response.body();
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      Object value = body.toJsonValue();
      return value instanceof JsonObject o ? o : null;
    } catch (DecodeException notJson) {
      return null;
    }
  }

  /** Whether a body parses as JSON of any kind. */
  public static boolean jsonValue(Buffer body) {
    try {
      body.toJsonValue();
      return true;
    } catch (DecodeException notJson) {
      return false;
    }
  }

  /** The {@code Retry-After} header in seconds, or null when absent or unreadable. */
  public static Duration retryAfter(HttpResponse<Buffer> response) {
    String value = response.getHeader("Retry-After");
    if (value == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
    } catch (NumberFormatException httpDate) {
      return null;
    }
  }

  /** A short, quotable excerpt of an error answer: its message field, else its first bytes. */
  public static String excerpt(HttpResponse<Buffer> response) {
    JsonObject json = jsonObject(response);
    String text = null;
    if (json != null) {
      text = firstString(json, "message", "Message");
      JsonObject error = json.getValue("error") instanceof JsonObject e ? e : null;
      if (text == null && error != null) {
        text = firstString(error, "message", "explanation");
      }
    }
    if (text == null) {
      Buffer body = response.body();
      text = body == null ? "" : body.toString().replaceAll("\\s+", " ").strip();
    }
    return text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text;
  }

  private static String firstString(JsonObject json, String... keys) {
    for (String key : keys) {
      if (json.getValue(key) instanceof String s && !s.isBlank()) {
        return s;
      }
    }
    return null;
  }
}
