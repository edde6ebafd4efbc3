package org.etdremediator.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.etdremediator.etd.ConvictionParser;
import org.etdremediator.sim.EtdSimulator;
import org.etdremediator.sim.SmaSimulator;

/**
 * An ETD tenant and an SMA, both simulated on loopback, with a config file for an agent that talks
 * to them. The demo runs on it, and so do the end-to-end tests.
 */
public final class SimulatedSite {
  /** The conviction verdicts, as ETD spells them. */
  public static final Set<String> CONVICTIONS = Set.of("bec", "scam", "phishing", "malicious");

  public static final String ESA_SERIAL = "4229AB0123456789CDEF-0A1B2C3D4E5F";

  private final EtdSimulator etd;
  private final SmaSimulator sma;
  private final EtdSimulator.Options etdOptions;
  private final SmaSimulator.Options smaOptions;
  private final Map<String, JsonObject> published = new LinkedHashMap<>();
  private long nextMid = 1000;

  private SimulatedSite(
      EtdSimulator etd,
      SmaSimulator sma,
      EtdSimulator.Options etdOptions,
      SmaSimulator.Options smaOptions) {
    this.etd = etd;
    this.sma = sma;
    this.etdOptions = etdOptions;
    this.smaOptions = smaOptions;
  }

  public static Future<SimulatedSite> start(
      Vertx vertx, EtdSimulator.Options etdOptions, SmaSimulator.Options smaOptions) {
    Future<EtdSimulator> etd = EtdSimulator.start(vertx, etdOptions);
    Future<SmaSimulator> sma = SmaSimulator.start(vertx, smaOptions);
    return Future.all(etd, sma)
        .map(all -> new SimulatedSite(etd.result(), sma.result(), etdOptions, smaOptions));
  }

  public static Future<SimulatedSite> start(Vertx vertx) {
    return start(vertx, EtdSimulator.Options.defaults(), SmaSimulator.Options.defaults());
  }

  public EtdSimulator etd() {
    return etd;
  }

  public SmaSimulator sma() {
    return sma;
  }

  /**
   * Makes messages visible in the ETD search and, when {@code tracked}, in SMA message tracking.
   */
  public void publish(List<JsonObject> messages, boolean tracked) {
    etd.addMessages(messages);
    for (JsonObject m : messages) {
      published.put(m.getString("id"), m);
      if (tracked) {
        track(m);
      }
    }
  }

  /** Makes a message known to SMA message tracking, as the ESA reports it minutes later. */
  public void track(JsonObject message) {
    String messageId = ConvictionParser.normaliseMessageId(text(message, "internetMessageId"));
    Instant received = ConvictionParser.instant(message.getValue("timestamp"));
    if (messageId.isEmpty() || received == null) {
      return;
    }
    sma.track(
        new SmaSimulator.TrackedMessage(
            messageId,
            nextMid++,
            ESA_SERIAL,
            received,
            strings(message.getValue("mailboxes")),
            text(message, "fromAddress"),
            text(message, "subject"),
            "esa1.example.com"));
  }

  /** A site without servers, to work out what a list of messages requires. */
  static SimulatedSite scratch() {
    return new SimulatedSite(null, null, null, null);
  }

  void remember(JsonObject message) {
    published.put(message.getString("id"), message);
  }

  /** Every message published so far, by ETD id. */
  public Map<String, JsonObject> published() {
    return published;
  }

  /**
   * The ETD id of every published message by its normalised Message-ID, the key remediation
   * requests carry.
   */
  public Map<String, String> etdIdsByMessageId() {
    Map<String, String> ids = new HashMap<>();
    published.forEach(
        (id, m) -> ids.put(ConvictionParser.normaliseMessageId(text(m, "internetMessageId")), id));
    return ids;
  }

  /**
   * The ETD ids that an agent with the default filters must remediate: convicted, incoming or
   * internal, with a mailbox and a Message-ID, not already moved by ETD. Worked out from the raw
   * messages, independently of the agent's own filters.
   */
  public List<String> mustRemediate() {
    List<String> ids = new ArrayList<>();
    for (JsonObject m : published.values()) {
      JsonObject verdict = m.getValue("verdict") instanceof JsonObject v ? v : new JsonObject();
      String latest = text(verdict, "latestVerdict");
      String category =
          (latest.isEmpty() ? text(verdict, "category") : latest).toLowerCase(Locale.ROOT);
      String direction = text(m, "direction");
      JsonObject action = m.getValue("action") instanceof JsonObject a ? a : new JsonObject();
      if (CONVICTIONS.contains(category)
          && (direction.equals("incoming") || direction.equals("internal"))
          && !strings(m.getValue("mailboxes")).isEmpty()
          && !text(m, "internetMessageId").isBlank()
          && !Boolean.TRUE.equals(action.getValue("isAutoRemediated"))) {
        ids.add(m.getString("id"));
      }
    }
    return ids;
  }

  /** The config tree of an agent pointed at this site, with short periods. */
  public JsonObject config(Path stateDir) {
    EtdSimulator.Options e = etdOptions;
    SmaSimulator.Options s = smaOptions;
    return new JsonObject()
        .put(
            "etd",
            new JsonObject()
                .put("baseUrl", etd.baseUrl())
                .put("apiKey", e.apiKey())
                .put("clientId", e.clientId())
                .put("clientSecret", e.clientSecret())
                .put("pageSize", 10)
                .put("requestsPerSecond", 2)
                .put("timeout", "5s"))
        .put(
            "sma",
            new JsonObject()
                .put("baseUrl", sma.baseUrl())
                .put("username", s.username())
                .put("password", s.password())
                .put("action", "fwdDelete")
                .put("forwardTo", new JsonArray().add("evidence@example.com"))
                .put("initiatedSource", "remediator01.example.com")
                .put("concurrency", 4)
                .put("timeout", "5s")
                .put("maxAttempts", 3))
        .put(
            "schedule",
            new JsonObject()
                .put("interval", "2s")
                .put("searchLag", "1s")
                .put("overlap", "2m")
                .put("initialLookback", "1h"))
        .put("state", new JsonObject().put("dir", stateDir.toString()))
        .put("http", new JsonObject().put("port", 0));
  }

  /** Writes a config tree as a YAML file readable only by its owner. */
  public static Path writeConfig(Path file, JsonObject tree) {
    try {
      Files.writeString(file, YamlText.of(tree));
      try {
        Files.setPosixFilePermissions(
            file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Nothing to tighten on a file system without POSIX permissions.
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Future<Void> close() {
    return Future.join(etd.close(), sma.close()).mapEmpty();
  }

  private static String text(JsonObject json, String key) {
    return json.getValue(key) instanceof String s ? s : "";
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof JsonArray a) {
      for (Object o : a) {
        if (o instanceof String s && !s.isBlank()) {
          out.add(s.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }
}
