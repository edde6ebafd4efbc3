package org.etdremediator.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the {@code etd:} section into {@link EtdSettings}. */
final class EtdSectionParser {
  static final List<String> REGIONS = List.of("us", "de", "au", "in", "ae", "beta");

  // Names people reach for that ETD spells differently.
  private static final Map<String, String> REGION_ALIASES =
      Map.of("eu", "de", "europe", "de", "na", "us", "amer", "us", "apac", "au", "uae", "ae");

  private EtdSectionParser() {}

  static EtdSettings parse(SectionReader etd, CredentialReader credentials) {
    String region = region(etd);
    URI baseUrl = baseUrl(etd, region);
    String apiKey = credentials.read(etd, "apiKey", "etd-api-key");
    String clientId = credentials.read(etd, "clientId", "etd-client-id");
    String clientSecret = credentials.read(etd, "clientSecret", "etd-client-secret");
    List<String> verdicts = verdicts(etd);
    int pageSize = etd.whole("pageSize", 100, 1, 100);
    double requestsPerSecond = etd.positive("requestsPerSecond", 2);
    int quota = etd.whole("dailyRequestQuota", 10_000, 1, Integer.MAX_VALUE);
    Duration timeout = etd.duration("timeout", Duration.ofSeconds(30), Duration.ofMillis(1));
    etd.rejectUnknown();

    return new EtdSettings(
        region,
        baseUrl,
        apiKey == null ? null : new Secret(apiKey),
        clientId,
        clientSecret == null ? null : new Secret(clientSecret),
        verdicts,
        pageSize,
        requestsPerSecond,
        quota,
        timeout);
  }

  private static String region(SectionReader etd) {
    String region = etd.text("region", "us").trim();
    if (REGIONS.contains(region)) {
      return region;
    }
    String alias = REGION_ALIASES.get(region.toLowerCase());
    if (alias != null) {
      etd.problem(
          "region",
          "unknown region '"
              + region
              + "' (write "
              + alias
              + "; ETD's regions: "
              + String.join(", ", REGIONS)
              + ")");
    } else {
      etd.problem("region", SectionReader.unknownValue(region, REGIONS));
    }
    return "us";
  }

  private static URI baseUrl(SectionReader etd, String region) {
    String explicit = etd.text("baseUrl", "");
    if (explicit.isBlank()) {
      return URI.create("https://api." + region + ".etd.cisco.com");
    }
    return etd.url("baseUrl", explicit, "https://api.us.etd.cisco.com, or leave it empty");
  }

  private static List<String> verdicts(SectionReader etd) {
    List<String> given = etd.texts("verdicts", Verdicts.CONVICTIONS);
    if (etd.has("verdicts") && given.isEmpty()) {
      etd.problem(
          "verdicts",
          "empty: nothing would be remediated (write e.g. " + "[bec, scam, phishing, malicious])");
      return Verdicts.CONVICTIONS;
    }

    List<String> out = new ArrayList<>();
    for (String v : given) {
      if (!Verdicts.ALL.contains(v)) {
        etd.problem("verdicts", SectionReader.unknownValue(v, Verdicts.ALL));
      } else if (!out.contains(v)) {
        out.add(v);
      }
    }
    return List.copyOf(out);
  }
}
