package org.etdremediator.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads typed values out of one section of the raw config. A bad value is recorded as a problem and
 * the default returned, so that reading goes on and every problem of the file is found in one pass.
 * Keys that are read are remembered; whatever else the section holds is an unknown key.
 */
final class SectionReader {
  private final String path;
  private final JsonObject json;
  private final List<ConfigProblem> problems;
  private final Set<String> known = new LinkedHashSet<>();

  // A section that was not a mapping already has its problem; its keys are not reported missing.
  private final boolean broken;

  private SectionReader(
      String path, JsonObject json, List<ConfigProblem> problems, boolean broken) {
    this.path = path;
    this.json = json;
    this.problems = problems;
    this.broken = broken;
  }

  static SectionReader root(JsonObject json, List<ConfigProblem> problems) {
    return new SectionReader("", json, problems, false);
  }

  String key(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  void problem(String name, String message) {
    problems.add(new ConfigProblem(key(name), message));
  }

  boolean has(String name) {
    return json.getValue(name) != null;
  }

  /** Whether a problem was recorded for the key, or for an entry of it such as {@code name[2]}. */
  boolean hasProblem(String name) {
    String key = key(name);
    return problems.stream().anyMatch(p -> p.key().equals(key) || p.key().startsWith(key + "["));
  }

  /** The value as YAML gave it, null when absent or empty. Marks the key as known. */
  Object raw(String name) {
    known.add(name);
    return json.getValue(name);
  }

  void missing(String name, String hint) {
    if (!broken) {
      problem(name, "required (" + hint + ")");
    }
  }

  SectionReader section(String name) {
    Object value = raw(name);
    if (value == null || value instanceof JsonObject) {
      JsonObject body = value == null ? new JsonObject() : (JsonObject) value;
      return new SectionReader(key(name), body, problems, broken);
    }
    problem(name, "expected a section of keys, found " + describe(value) + " (indent its keys)");
    return new SectionReader(key(name), new JsonObject(), problems, true);
  }

  String text(String name, String def) {
    Object value = raw(name);
    if (value == null) {
      return def;
    }
    if (value instanceof String s) {
      return s;
    }
    problem(name, "expected text, found " + describe(value) + " (quote it)");
    return def;
  }

  boolean flag(String name, boolean def) {
    Object value = raw(name);
    if (value == null) {
      return def;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    problem(name, "expected true or false, found " + describe(value));
    return def;
  }

  long whole(String name, long def, long min, long max) {
    Object value = raw(name);
    if (value == null) {
      return def;
    }
    String range =
        max >= Integer.MAX_VALUE
            ? "a whole number of at least " + min
            : "a whole number " + min + ".." + max;
    if (!(value instanceof Integer || value instanceof Long)) {
      problem(name, "expected a whole number, found " + describe(value) + " (write " + range + ")");
      return def;
    }
    long n = ((Number) value).longValue();
    if (n < min || n > max) {
      problem(name, n + " is out of range (write " + range + ")");
      return def;
    }
    return n;
  }

  int whole(String name, int def, int min, int max) {
    return (int) whole(name, (long) def, min, max);
  }

  double positive(String name, double def) {
    Object value = raw(name);
    if (value == null) {
      return def;
    }
    if (!(value instanceof Number n)) {
      problem(name, "expected a number, found " + describe(value) + " (write e.g. " + def + ")");
      return def;
    }
    if (!(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
      problem(name, n + " must be greater than 0 (write e.g. " + def + ")");
      return def;
    }
    return n.doubleValue();
  }

  /** A duration of at least {@code min}. */
  Duration duration(String name, Duration def, Duration min) {
    Object value = raw(name);
    if (value == null) {
      return def;
    }
    if (!(value instanceof String s)) {
      String hint =
          value instanceof Number
              ? "a duration needs a unit (write " + value + "s or " + value + "m)"
              : "expected a duration, found " + describe(value) + " (write 30s, 5m, 1h or 7d)";
      problem(name, hint);
      return def;
    }
    try {
      Duration d = Durations.parse(s);
      if (d.compareTo(min) < 0) {
        String least = Durations.format(min);
        problem(
            name,
            "must be at least %s, found '%s' (write e.g. %s)"
                .formatted(least, s, Durations.format(def)));
        return def;
      }
      return d;
    } catch (IllegalArgumentException e) {
      problem(name, e.getMessage());
      return def;
    }
  }

  List<String> texts(String name, List<String> def) {
    Object value = raw(name);
    if (value == null) {
      return def;
    }
    if (!(value instanceof JsonArray array)) {
      problem(name, "expected a list, found " + describe(value) + " (write [a, b] or - a lines)");
      return def;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (item instanceof String s && !s.isBlank()) {
        out.add(s.trim());
      } else {
        problems.add(
            new ConfigProblem(
                key(name) + "[" + i + "]",
                "expected text, found " + describe(item) + " (write each entry as text)"));
      }
    }
    return out;
  }

  /** A mapping of text to text, such as {@code {malicious: delete}}. */
  Map<String, Object> mapping(String name) {
    Object value = raw(name);
    if (value == null) {
      return Map.of();
    }
    if (value instanceof JsonObject object) {
      return object.getMap();
    }
    problem(name, "expected a mapping, found " + describe(value) + " (write {key: value})");
    return Map.of();
  }

  /**
   * One of a fixed set of spellings, or {@code def} when absent.
   *
   * @return the matching option, or null after recording a problem
   */
  <T> T choice(String name, String def, Map<String, T> options) {
    String value = text(name, def);
    if (value == null) {
      return null;
    }
    T chosen = options.get(value);
    if (chosen == null) {
      problem(name, unknownValue(value, options.keySet()));
    }
    return chosen;
  }

  /** An http or https URL with a host and nothing after the path; trailing slashes dropped. */
  URI url(String name, String value, String example) {
    String hint = " (write " + example + ")";
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      problem(name, "not a URL: '" + value + "'" + hint);
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (uri.getRawUserInfo() != null) {
      // The value is not repeated: a user:password part would leak into the log.
      problem(name, "must not carry a user name or password" + hint);
      return null;
    }
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      problem(name, "not a URL: '" + value + "'" + hint);
      return null;
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      problem(name, "must not have a ?query or #fragment: '" + value + "'" + hint);
      return null;
    }
    // URI takes any number as a port; no connection can be made to one outside 1..65535.
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      problem(name, "port " + uri.getPort() + " is out of range 1..65535" + hint);
      return null;
    }
    String text = uri.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }

  /** Records every key of this section that no one read, with a hint when it looks like a typo. */
  void rejectUnknown() {
    for (String name : json.fieldNames()) {
      if (!known.contains(name)) {
        Optional<String> meant = Spelling.closest(name, known);
        problem(
            name,
            meant
                .map(m -> "unknown key (did you mean " + m + "?)")
                .orElse("unknown key (remove it; known here: " + String.join(", ", known) + ")"));
      }
    }
  }

  static String unknownValue(String value, Collection<String> allowed) {
    Optional<String> meant = Spelling.closest(value, allowed);
    String options = String.join(", ", allowed);
    return meant
        .map(m -> "unknown value '" + value + "' (did you mean " + m + "? one of: " + options + ")")
        .orElse("unknown value '" + value + "' (write one of: " + options + ")");
  }

  static String describe(Object value) {
    if (value instanceof String s) {
      return "text '" + s + "'";
    }
    if (value instanceof JsonObject) {
      return "a section";
    }
    if (value instanceof JsonArray) {
      return "a list";
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    return value == null ? "nothing" : "'" + value + "'";
  }
}
