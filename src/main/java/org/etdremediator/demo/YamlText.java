package org.etdremediator.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Writes a JSON tree as block YAML, for the config files the demo and the tests hand out. */
public final class YamlText {
  private YamlText() {}

  public static String of(JsonObject tree) {
    StringBuilder out = new StringBuilder();
    writeObject(out, tree, 0);
    return out.toString();
  }

  private static void writeObject(StringBuilder out, JsonObject object, int indent) {
    for (Map.Entry<String, Object> e : object) {
      out.append(" ".repeat(indent)).append(e.getKey()).append(':');
      writeValue(out, e.getValue(), indent);
    }
  }

  private static void writeValue(StringBuilder out, Object value, int indent) {
    if (value instanceof JsonObject o) {
      if (o.isEmpty()) {
        out.append(" {}\n");
      } else {
        out.append('\n');
        writeObject(out, o, indent + 2);
      }
    } else if (value instanceof JsonArray a) {
      out.append(' ').append(a.encode()).append('\n');
    } else {
      out.append(' ').append(scalar(value)).append('\n');
    }
  }

  private static String scalar(Object value) {
    if (value == null) {
      return "\"\"";
    }
    if (value instanceof String s) {
      return new JsonArray().add(s).encode().replaceAll("^\\[|\\]$", "");
    }
    return String.valueOf(value);
  }
}
