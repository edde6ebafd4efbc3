package org.etdremediator.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates the raw config as a whole and builds the typed {@link AgentConfig} from it. */
final class ConfigParser {
  static final List<String> DIRECTIONS = List.of("incoming", "outgoing", "internal");

  // Host names, IPv4 and IPv6 literals use no other characters. The name is not looked up: the
  // check works offline, and a name that does not resolve fails the start with its own message.
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]+");
  private static final Pattern MAILBOX =
      Pattern.compile("[^@\\s<>()*,;:\"]+@[a-z0-9.-]+\\.[a-z0-9-]+");
  private static final Pattern DOMAIN = Pattern.compile("([a-z0-9-]+\\.)+[a-z0-9-]+");

  private ConfigParser() {}

  /**
   * @throws InvalidConfigException listing every problem found
   */
  static AgentConfig parse(JsonObject raw, ConfigSource source) {
    List<ConfigProblem> problems = new ArrayList<>();
    SectionReader root = SectionReader.root(raw, problems);
    CredentialReader credentials = new CredentialReader(source);

    EtdSettings etd = EtdSectionParser.parse(root.section("etd"), credentials);
    SmaSettings sma =
        SmaSectionParser.parse(root.section("sma"), credentials, source, etd.verdicts());
    ScheduleSettings schedule = schedule(root.section("schedule"));
    FilterSettings filters = filters(root.section("filters"));
    StateSettings state = state(root.section("state"), source, schedule);
    HttpSettings http = http(root.section("http"));
    Mode mode = root.choice("mode", "enforce", modes());
    root.rejectUnknown();

    if (!problems.isEmpty()) {
      List<String> secrets = secretValues(raw, etd, sma);
      throw new InvalidConfigException(problems.stream().map(p -> p.redacted(secrets)).toList());
    }
    return new AgentConfig(etd, sma, schedule, filters, state, http, mode);
  }

  /**
   * The secrets this file holds, so that one typed under the wrong key is not quoted back in a
   * problem message.
   */
  private static List<String> secretValues(JsonObject raw, EtdSettings etd, SmaSettings sma) {
    List<String> out = new ArrayList<>();
    for (Secret s : new Secret[] {etd.apiKey(), etd.clientSecret(), sma.password()}) {
      if (s != null) {
        out.add(s.reveal());
      }
    }
    for (String path : new String[] {"etd.apiKey", "etd.clientSecret", "sma.password"}) {
      String[] parts = path.split("\\.");
      if (raw.getValue(parts[0]) instanceof JsonObject section
          && section.getValue(parts[1]) instanceof String inline) {
        out.add(inline);
      }
    }
    return out;
  }

  private static ScheduleSettings schedule(SectionReader s) {
    Duration tick = Duration.ofMillis(1);
    ScheduleSettings settings =
        new ScheduleSettings(
            s.duration("interval", Duration.ofMinutes(1), tick),
            s.duration("searchLag", Duration.ofMinutes(1), Duration.ZERO),
            s.duration("overlap", Duration.ofMinutes(2), Duration.ZERO),
            s.duration("initialLookback", Duration.ofHours(1), Duration.ZERO),
            s.duration("retroLookback", Duration.ofDays(7), Duration.ZERO),
            s.duration("retroInterval", Duration.ofHours(1), tick));
    s.rejectUnknown();
    return settings;
  }

  private static FilterSettings filters(SectionReader f) {
    List<String> directions = f.texts("directions", List.of("incoming", "internal"));
    for (String d : directions) {
      if (!DIRECTIONS.contains(d)) {
        f.problem("directions", SectionReader.unknownValue(d, DIRECTIONS));
      }
    }
    if (f.has("directions") && directions.isEmpty()) {
      f.problem(
          "directions", "empty: nothing would be remediated (write e.g. [incoming, internal])");
    }

    Set<String> mailboxes = lowerCased(f.texts("excludeMailboxes", List.of()), false);
    Set<String> domains = lowerCased(f.texts("excludeSenderDomains", List.of()), true);
    // An entry that can never match would protect nothing while looking as if it did.
    for (String m : mailboxes) {
      if (!MAILBOX.matcher(m).matches()) {
        f.problem(
            "excludeMailboxes",
            "not a mailbox address: '"
                + m
                + "' (write the bare address, e.g. soc@example.com; no names, brackets or"
                + " wildcards)");
      }
    }
    for (String d : domains) {
      if (!DOMAIN.matcher(d).matches()) {
        f.problem(
            "excludeSenderDomains",
            "not a domain: '"
                + d
                + "' (write the domain alone, e.g. phish-sim.example; it covers its subdomains"
                + " too)");
      }
    }
    FilterSettings settings =
        new FilterSettings(
            Set.copyOf(directions), mailboxes, domains, f.flag("skipIfEtdRemediated", true));
    f.rejectUnknown();
    return settings;
  }

  private static Set<String> lowerCased(List<String> values, boolean domains) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : values) {
      String lower = v.toLowerCase(Locale.ROOT);
      // "@vendor.example" and "vendor.example" mean the same domain.
      out.add(domains && lower.startsWith("@") ? lower.substring(1) : lower);
    }
    return Set.copyOf(out);
  }

  private static StateSettings state(
      SectionReader s, ConfigSource source, ScheduleSettings schedule) {
    String dir = s.text("dir", ConfigLoader.DEFAULT_STATE_DIR);
    Duration retention = s.duration("retention", Duration.ofDays(14), Duration.ZERO);
    s.rejectUnknown();

    if (dir.isBlank()) {
      s.problem("dir", "empty (write a directory the agent owns, e.g. /var/lib/etd-remediator)");
    }
    if (retention.compareTo(schedule.retroLookback()) <= 0) {
      s.problem(
          "retention",
          Durations.format(retention)
              + " must exceed schedule.retroLookback ("
              + Durations.format(schedule.retroLookback())
              + "), or a retro scan could remediate a message twice (write e.g. "
              + Durations.format(schedule.retroLookback().multipliedBy(2))
              + ")");
    }
    Path path = dir.isBlank() ? null : source.resolveFile(dir.trim());
    if (path != null) {
      checkStateDir(s, path);
    }
    return new StateSettings(path, retention);
  }

  // The agent creates a missing state directory at start; a file in the way would stop it there.
  private static void checkStateDir(SectionReader s, Path dir) {
    String hint =
        " (write a directory the agent owns, e.g. " + ConfigLoader.DEFAULT_STATE_DIR + ")";
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        s.problem("dir", dir + " is a file, not a directory" + hint);
      }
      return;
    }
    Path ancestor = dir.getParent();
    while (ancestor != null && !Files.exists(ancestor)) {
      ancestor = ancestor.getParent();
    }
    if (ancestor != null && !Files.isDirectory(ancestor)) {
      s.problem(
          "dir", dir + " cannot be created: " + ancestor + " is a file, not a directory" + hint);
    }
  }

  private static HttpSettings http(SectionReader h) {
    String host = h.text("host", "127.0.0.1");
    int port = h.whole("port", 9464, 0, 65535);
    h.rejectUnknown();
    String hint = "(write 127.0.0.1, or 0.0.0.0 to listen on every address)";
    if (host.isBlank()) {
      h.problem("host", "empty " + hint);
    } else if (!HOST.matcher(host.trim()).matches()) {
      h.problem("host", "not a host name or IP address: '" + host.trim() + "' " + hint);
    }
    return new HttpSettings(host.trim(), port);
  }

  private static Map<String, Mode> modes() {
    Map<String, Mode> out = new LinkedHashMap<>();
    for (Mode m : Mode.values()) {
      out.put(m.spelling(), m);
    }
    return out;
  }
}
