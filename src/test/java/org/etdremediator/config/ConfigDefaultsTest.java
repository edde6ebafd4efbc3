package org.etdremediator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDefaultsTest {
  @TempDir Path dir;

  @Test
  @DisplayName("a config of only the required keys gets every documented default")
  void defaults() {
    AgentConfig c = TestConfigs.parse(TestConfigs.minimal(), dir);

    EtdSettings etd = c.etd();
    assertEquals("us", etd.region());
    assertEquals(URI.create("https://api.us.etd.cisco.com"), etd.baseUrl());
    assertEquals(List.of("bec", "scam", "phishing", "malicious"), etd.verdicts());
    assertEquals(100, etd.pageSize());
    assertEquals(2.0, etd.requestsPerSecond());
    assertEquals(10_000, etd.dailyRequestQuota());
    assertEquals(Duration.ofSeconds(30), etd.timeout());

    SmaSettings sma = c.sma();
    assertEquals(SmaAuth.JWT, sma.auth());
    assertNull(sma.caFile());
    assertFalse(sma.insecureSkipVerify());
    assertEquals(RemediationAction.FWD_DELETE, sma.action());
    assertEquals(Map.of(), sma.actionByVerdict());
    assertEquals("etd-remediator", sma.batchName());
    assertEquals(TestConfigs.HOST, sma.initiatedSource());
    assertEquals(4, sma.concurrency());
    assertEquals(1, sma.messagesPerRequest());
    assertTrue(sma.trackingLookup());
    assertEquals(Duration.ofMinutes(30), sma.trackingTimeout());
    assertEquals("", sma.esaSerialNumber());
    assertEquals(0, sma.placeholderMid());
    assertEquals(Duration.ofSeconds(30), sma.timeout());
    assertEquals(5, sma.maxAttempts());
    assertEquals(Duration.ofHours(24), sma.giveUpAfter());

    ScheduleSettings s = c.schedule();
    assertEquals(Duration.ofMinutes(1), s.interval());
    assertEquals(Duration.ofMinutes(1), s.searchLag());
    assertEquals(Duration.ofMinutes(2), s.overlap());
    assertEquals(Duration.ofHours(1), s.initialLookback());
    assertEquals(Duration.ofDays(7), s.retroLookback());
    assertEquals(Duration.ofHours(1), s.retroInterval());

    assertEquals(Set.of("incoming", "internal"), c.filters().directions());
    assertEquals(Set.of(), c.filters().excludeMailboxes());
    assertEquals(Set.of(), c.filters().excludeSenderDomains());
    assertTrue(c.filters().skipIfEtdRemediated());

    assertEquals(Path.of("/var/lib/etd-remediator"), c.state().dir());
    assertEquals(Duration.ofDays(14), c.state().retention());
    assertEquals("127.0.0.1", c.http().host());
    assertEquals(9464, c.http().port());
    assertEquals(Mode.ENFORCE, c.mode());
  }

  @Test
  @DisplayName("the region picks the ETD address")
  void regionAddress() {
    String text = TestConfigs.minimal().replace("etd:\n", "etd:\n  region: de\n");

    AgentConfig c = TestConfigs.parse(text, dir);

    assertEquals(URI.create("https://api.de.etd.cisco.com"), c.etd().baseUrl());
  }

  @Test
  @DisplayName("an explicit ETD address wins over the region and loses its trailing slashes")
  void explicitBaseUrl() {
    String text =
        TestConfigs.minimal()
            .replace("etd:\n", "etd:\n  region: au\n  baseUrl: http://127.0.0.1:8080//\n");

    AgentConfig c = TestConfigs.parse(text, dir);

    assertEquals(URI.create("http://127.0.0.1:8080"), c.etd().baseUrl());
  }

  @Test
  @DisplayName("the SMA address loses its trailing slash")
  void smaTrailingSlash() {
    String text = TestConfigs.minimal().replace(":4431", ":4431/");

    assertEquals(
        URI.create("https://sma.example.com:4431"), TestConfigs.parse(text, dir).sma().baseUrl());
  }

  @Test
  @DisplayName("excluded mailboxes and sender domains are held in lower case")
  void lowerCase() {
    String text =
        TestConfigs.minimalWith(
            """
            filters:
              excludeMailboxes: [SOC@Example.COM, Phish-Report@example.com]
              excludeSenderDomains: ["@Sim-Vendor.example", Other.Example]
            """);

    FilterSettings f = TestConfigs.parse(text, dir).filters();

    assertEquals(Set.of("soc@example.com", "phish-report@example.com"), f.excludeMailboxes());
    assertEquals(Set.of("sim-vendor.example", "other.example"), f.excludeSenderDomains());
  }

  @Test
  @DisplayName("given values replace the defaults")
  void givenValues() {
    String text =
        TestConfigs.minimalWith(
                """
            schedule:
              interval: 30s
              retroLookback: 1d
            http:
              port: 0
            mode: dry-run
            """)
            .replace(
                "sma:\n", "sma:\n  auth: basic\n  initiatedSource: relay-7\n  action: delete\n");

    AgentConfig c = TestConfigs.parse(text, dir);

    assertEquals(Duration.ofSeconds(30), c.schedule().interval());
    assertEquals(Duration.ofDays(1), c.schedule().retroLookback());
    assertFalse(c.http().enabled());
    assertTrue(c.dryRun());
    assertEquals(SmaAuth.BASIC, c.sma().auth());
    assertEquals("relay-7", c.sma().initiatedSource());
    assertEquals(RemediationAction.DELETE, c.sma().action());
  }

  @Test
  @DisplayName("actionByVerdict overrides the action for its verdicts only")
  void actionByVerdict() {
    String text =
        TestConfigs.minimal()
            .replace("sma:\n", "sma:\n  action: delete\n  actionByVerdict: {bec: forward}\n");

    SmaSettings sma = TestConfigs.parse(text, dir).sma();

    assertEquals(RemediationAction.FORWARD, sma.actionFor("bec"));
    assertEquals(RemediationAction.DELETE, sma.actionFor("phishing"));
  }
}
