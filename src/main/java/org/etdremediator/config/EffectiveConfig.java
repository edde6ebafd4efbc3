package org.etdremediator.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The config as the agent will use it, every default filled in, key by key. Rendered for {@code
 * check-config} and compared key by key on reload; secrets render as {@code ****}.
 */
public final class EffectiveConfig {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9_.:/@+-]*");
  private static final Pattern YAML_NUMBER =
      Pattern.compile("[-+]?(0[xo][0-9a-fA-F]+|[0-9_]*\\.?[0-9_]+([eE][-+]?[0-9]+)?)");
  private static final Set<String> YAML_WORDS =
      Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");

  // A reload log line shows this many entries of a list, then how many more there are.
  private static final int BRIEF_ITEMS = 5;

  private EffectiveConfig() {}

  /** Every setting under its dotted key, in the order of the config file. */
  public static Map<String, Object> flatten(AgentConfig c) {
    Map<String, Object> out = new LinkedHashMap<>();
    EtdSettings etd = c.etd();
    out.put("etd.region", etd.region());
    out.put("etd.baseUrl", etd.baseUrl());
    out.put("etd.apiKey", etd.apiKey());
    out.put("etd.clientId", etd.clientId());
    out.put("etd.clientSecret", etd.clientSecret());
    out.put("etd.verdicts", etd.verdicts());
    out.put("etd.pageSize", etd.pageSize());
    out.put("etd.requestsPerSecond", etd.requestsPerSecond());
    out.put("etd.dailyRequestQuota", etd.dailyRequestQuota());
    out.put("etd.timeout", etd.timeout());

    SmaSettings sma = c.sma();
    out.put("sma.baseUrl", sma.baseUrl());
    out.put("sma.username", sma.username());
    out.put("sma.password", sma.password());
    out.put("sma.auth", sma.auth());
    out.put("sma.caFile", sma.caFile());
    out.put("sma.insecureSkipVerify", sma.insecureSkipVerify());
    out.put("sma.action", sma.action());
    out.put("sma.actionByVerdict", new TreeMap<>(sma.actionByVerdict()));
    out.put("sma.forwardTo", sma.forwardTo());
    out.put("sma.batchName", sma.batchName());
    out.put("sma.initiatedSource", sma.initiatedSource());
    out.put("sma.concurrency", sma.concurrency());
    out.put("sma.messagesPerRequest", sma.messagesPerRequest());
    out.put("sma.trackingLookup", sma.trackingLookup());
    out.put("sma.trackingTimeout", sma.trackingTimeout());
    out.put("sma.esaSerialNumber", sma.esaSerialNumber());
    out.put("sma.placeholderMid", sma.placeholderMid());
    out.put("sma.timeout", sma.timeout());
    out.put("sma.maxAttempts", sma.maxAttempts());
    out.put("sma.giveUpAfter", sma.giveUpAfter());

    ScheduleSettings s = c.schedule();
    out.put("schedule.interval", s.interval());
    out.put("schedule.searchLag", s.searchLag());
    out.put("schedule.overlap", s.overlap());
    out.put("schedule.initialLookback", s.initialLookback());
    out.put("schedule.retroLookback", s.retroLookback());
    out.put("schedule.retroInterval", s.retroInterval());

    FilterSettings f = c.filters();
    // Sets are shown sorted so that the output, and a comparison of two configs, is stable.
    out.put("filters.directions", sorted(f.directions()));
    out.put("filters.excludeMailboxes", sorted(f.excludeMailboxes()));
    out.put("filters.excludeSenderDomains", sorted(f.excludeSenderDomains()));
    out.put("filters.skipIfEtdRemediated", f.skipIfEtdRemediated());

    out.put("state.dir", c.state().dir());
    out.put("state.retention", c.state().retention());
    out.put("http.host", c.http().host());
    out.put("http.port", c.http().port());
    out.put("mode", c.mode());
    return out;
  }

  /** The keys whose values differ between two configs, in file order. */
  public static Set<String> changedKeys(AgentConfig before, AgentConfig after) {
    Map<String, Object> a = flatten(before);
    Map<String, Object> b = flatten(after);
    Set<String> changed = new LinkedHashSet<>();
    for (String key : a.keySet()) {
      if (!Objects.equals(a.get(key), b.get(key))) {
        changed.add(key);
      }
    }
    return changed;
  }

  /** YAML text of the config with secrets masked, as {@code check-config} prints it. */
  public static String render(AgentConfig config) {
    StringBuilder out = new StringBuilder();
    String section = null;
    for (Map.Entry<String, Object> e : flatten(config).entrySet()) {
      int dot = e.getKey().indexOf('.');
      String name = dot < 0 ? e.getKey() : e.getKey().substring(dot + 1);
      String owner = dot < 0 ? null : e.getKey().substring(0, dot);
      if (owner != null && !owner.equals(section)) {
        out.append(owner).append(":\n");
      }
      section = owner;
      out.append(owner == null ? "" : "  ").append(name).append(": ");
      out.append(value(e.getValue())).append('\n');
    }
    return out.toString();
  }

  /** One value as a log line shows it: secrets masked, long lists cut short, none as (none). */
  static String brief(Object v) {
    if (v == null) {
      return "(none)";
    }
    if (v instanceof Secret) {
      return "****";
    }
    if (v instanceof Collection<?> items && items.size() > BRIEF_ITEMS) {
      List<String> parts = items.stream().limit(BRIEF_ITEMS).map(EffectiveConfig::value).toList();
      return "[" + String.join(", ", parts) + ", ... " + (items.size() - BRIEF_ITEMS) + " more]";
    }
    return value(v);
  }

  private static String value(Object v) {
    if (v == null) {
      return "\"\"";
    }
    if (v instanceof Secret) {
      return "\"****\"";
    }
    if (v instanceof Duration d) {
      return Durations.format(d);
    }
    if (v instanceof Number || v instanceof Boolean) {
      return formatNumber(v);
    }
    if (v instanceof Mode m) {
      return m.spelling();
    }
    if (v instanceof RemediationAction a) {
      return a.spelling();
    }
    if (v instanceof Enum<?> e) {
      return e.name().toLowerCase();
    }
    if (v instanceof Collection<?> items) {
      List<String> parts = new ArrayList<>();
      items.forEach(i -> parts.add(value(i)));
      return "[" + String.join(", ", parts) + "]";
    }
    if (v instanceof Map<?, ?> map) {
      List<String> parts = new ArrayList<>();
      map.forEach((k, x) -> parts.add(text(k.toString()) + ": " + value(x)));
      return "{" + String.join(", ", parts) + "}";
    }
    // Text, URLs and paths alike.
    return text(v.toString());
  }

  private static String formatNumber(Object v) {
    if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return Long.toString(d.longValue());
    }
    return v.toString();
  }

  private static String text(String s) {
    if (PLAIN.matcher(s).matches()
        && !YAML_WORDS.contains(s.toLowerCase())
        && !YAML_NUMBER.matcher(s).matches()) {
      return s;
    }
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
