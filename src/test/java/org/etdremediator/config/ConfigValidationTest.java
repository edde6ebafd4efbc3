package org.etdremediator.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidationTest {
  @TempDir Path dir;

  private List<ConfigProblem> problems(String text) {
    return assertThrows(InvalidConfigException.class, () -> TestConfigs.parse(text, dir))
        .problems();
  }

  private static Map<String, String> byKey(List<ConfigProblem> problems) {
    return problems.stream()
        .collect(
            Collectors.toMap(ConfigProblem::key, ConfigProblem::message, (a, b) -> a + "; " + b));
  }

  @Test
  @DisplayName("one exception lists every problem of the file with its key")
  void everyProblemAtOnce() {
    String text =
        """
        etd:
          apiKey: k
          clientId: c
          clientSecretFile: missing-secret
          pageSiz: 50
        sma:
          baseUrl: sma:4431
          username: u
          password: p
          concurrency: four
          forwardTo: [soc@example.com]
        schedule:
          interval: 5 minutes
        """;

    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> TestConfigs.parse(text, dir));

    Map<String, String> problems = byKey(e.problems());
    assertEquals(
        List.of(
            "etd.clientSecretFile",
            "etd.pageSiz",
            "sma.baseUrl",
            "sma.concurrency",
            "schedule.interval"),
        e.problems().stream().map(ConfigProblem::key).toList());
    assertTrue(problems.get("etd.pageSiz").contains("did you mean pageSize?"));
    assertTrue(problems.get("sma.baseUrl").contains("not a URL: 'sma:4431' (write https://"));
    assertTrue(problems.get("sma.concurrency").contains("expected a whole number"));
    assertTrue(problems.get("schedule.interval").contains("not a duration: '5 minutes'"));
    for (ConfigProblem p : e.problems()) {
      assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }
    assertEquals(e.problems().size() + 1, e.getMessage().split("\n").length);
  }

  @Test
  @DisplayName("an empty file names every required key")
  void requiredKeys() {
    List<String> keys = problems("{}").stream().map(ConfigProblem::key).toList();

    assertEquals(
        List.of(
            "etd.apiKey",
            "etd.clientId",
            "etd.clientSecret",
            "sma.baseUrl",
            "sma.username",
            "sma.password",
            "sma.forwardTo"),
        keys);
  }

  @Test
  @DisplayName("a misspelt key is reported with the key it probably meant")
  void typoSuggestion() {
    Map<String, String> p =
        byKey(problems(TestConfigs.minimalWith("schedule:\n  intervall: 5m\nfilter:\n  x: 1\n")));

    assertEquals("unknown key (did you mean interval?)", p.get("schedule.intervall"));
    assertEquals("unknown key (did you mean filters?)", p.get("filter"));
  }

  @Test
  @DisplayName("a key far from any known one lists the keys of its section")
  void unknownKeyWithoutSuggestion() {
    Map<String, String> p = byKey(problems(TestConfigs.minimalWith("http:\n  colour: blue\n")));

    assertEquals("unknown key (remove it; known here: host, port)", p.get("http.colour"));
  }

  @Test
  @DisplayName("the region eu is refused with a pointer to de")
  void regionEu() {
    String text = TestConfigs.minimal().replace("etd:\n", "etd:\n  region: eu\n");

    String message = byKey(problems(text)).get("etd.region");

    assertTrue(message.startsWith("unknown region 'eu' (write de;"), message);
  }

  @Test
  @DisplayName("verdicts must be spelt exactly as ETD spells them")
  void verdictSpelling() {
    String text = TestConfigs.minimal().replace("etd:\n", "etd:\n  verdicts: [Phishing, virus]\n");

    List<ConfigProblem> p = problems(text);

    assertEquals(2, p.size());
    assertTrue(p.get(0).message().contains("did you mean phishing?"), p.get(0).message());
    assertTrue(p.get(1).message().startsWith("unknown value 'virus' (write one of: bec,"));
  }

  @Test
  @DisplayName("an empty verdict list is refused")
  void noVerdicts() {
    String text = TestConfigs.minimal().replace("etd:\n", "etd:\n  verdicts: []\n");

    assertTrue(byKey(problems(text)).get("etd.verdicts").startsWith("empty"));
  }

  @Test
  @DisplayName("the other ETD verdicts such as spam are accepted")
  void otherVerdicts() {
    String text = TestConfigs.minimal().replace("etd:\n", "etd:\n  verdicts: [spam, noVerdict]\n");

    assertEquals(List.of("spam", "noVerdict"), TestConfigs.parse(text, dir).etd().verdicts());
  }

  @Test
  @DisplayName("numbers outside their range are each reported with the range")
  void ranges() {
    String text =
        TestConfigs.minimal()
                .replace("etd:\n", "etd:\n  pageSize: 101\n  requestsPerSecond: 0\n")
                .replace(
                    "sma:\n",
                    "sma:\n  concurrency: 257\n  messagesPerRequest: 0\n  maxAttempts: 0\n")
            + "http:\n  port: 65536\n";

    Map<String, String> p = byKey(problems(text));

    assertEquals("101 is out of range (write a whole number 1..100)", p.get("etd.pageSize"));
    assertTrue(p.get("etd.requestsPerSecond").startsWith("0 must be greater than 0"));
    assertEquals("257 is out of range (write a whole number 1..256)", p.get("sma.concurrency"));
    assertTrue(p.get("sma.messagesPerRequest").contains("at least 1"));
    assertTrue(p.get("sma.maxAttempts").contains("at least 1"));
    assertEquals("65536 is out of range (write a whole number 0..65535)", p.get("http.port"));
  }

  @Test
  @DisplayName("unknown directions, actions, modes and auth schemes are refused")
  void choices() {
    String text =
        TestConfigs.minimal()
                .replace(
                    "sma:\n",
                    "sma:\n  auth: oauth\n  action: quarantine\n"
                        + "  actionByVerdict: {scam: delet, virus: delete}\n")
            + "filters:\n  directions: [inbound]\nmode: dryrun\n";

    Map<String, String> p = byKey(problems(text));

    assertTrue(p.get("sma.auth").startsWith("unknown value 'oauth' (write one of: jwt, basic)"));
    assertTrue(p.get("sma.action").contains("delete, forward, fwdDelete"));
    assertTrue(p.get("sma.actionByVerdict.scam").contains("did you mean delete?"));
    assertTrue(p.get("sma.actionByVerdict.virus").startsWith("unknown value 'virus'"));
    assertTrue(p.get("filters.directions").contains("incoming, outgoing, internal"));
    assertTrue(p.get("mode").contains("did you mean dry-run?"), p.get("mode"));
  }

  @Test
  @DisplayName("a retention not longer than the retro lookback is refused")
  void retention() {
    String text =
        TestConfigs.minimalWith("schedule:\n  retroLookback: 14d\nstate:\n  retention: 14d\n");

    String message = byKey(problems(text)).get("state.retention");

    assertTrue(message.startsWith("14d must exceed schedule.retroLookback (14d)"), message);
  }

  @Test
  @DisplayName("a forwarding action without forwardTo is refused")
  void forwardWithoutForwardTo() {
    String text =
        TestConfigs.minimal().replace("  forwardTo: [soc@example.com]\n", "  action: forward\n");

    assertTrue(byKey(problems(text)).get("sma.forwardTo").startsWith("required because an action"));
  }

  @Test
  @DisplayName("forwardTo is not needed when every wanted verdict is deleted")
  void deleteNeedsNoForwardTo() {
    String text =
        TestConfigs.minimal()
            .replace(
                "  forwardTo: [soc@example.com]\n",
                "  action: delete\n  actionByVerdict: {spam: forward}\n");

    assertDoesNotThrow(() -> TestConfigs.parse(text, dir));
  }

  @Test
  @DisplayName("forwardTo entries must be mail addresses")
  void forwardToAddresses() {
    String text = TestConfigs.minimal().replace("[soc@example.com]", "[soc@example.com, soc-team]");

    assertEquals(
        "not a mail address: 'soc-team' (write soc@example.com)",
        byKey(problems(text)).get("sma.forwardTo"));
  }

  @Test
  @DisplayName("a URL with a scheme other than http or https is refused")
  void urlScheme() {
    String text =
        TestConfigs.minimal().replace("https://sma.example.com:4431", "ftp://sma.example.com");

    assertTrue(
        byKey(problems(text)).get("sma.baseUrl").startsWith("not a URL: 'ftp://sma.example.com'"));
  }

  @Test
  @DisplayName("a URL carrying a password is refused without repeating it")
  void urlWithPassword() {
    String text = TestConfigs.minimal().replace("https://sma", "https://admin:hunter2@sma");

    List<ConfigProblem> p = problems(text);

    assertEquals("sma.baseUrl", p.get(0).key());
    assertTrue(!p.get(0).toString().contains("hunter2"), p.get(0).toString());
  }

  @Test
  @DisplayName("a CA file that does not exist is refused with its path")
  void missingCaFile() {
    String text = TestConfigs.minimal().replace("sma:\n", "sma:\n  caFile: sma-ca.pem\n");

    assertEquals(
        "no such file: " + dir.resolve("sma-ca.pem") + " (write the path of a PEM file)",
        byKey(problems(text)).get("sma.caFile"));
  }

  @Test
  @DisplayName("a duration given as a bare number asks for a unit")
  void durationWithoutUnit() {
    String text = TestConfigs.minimalWith("schedule:\n  interval: 60\n");

    assertEquals(
        "a duration needs a unit (write 60s or 60m)",
        byKey(problems(text)).get("schedule.interval"));
  }

  @Test
  @DisplayName("a section written as a single value is refused once, not key by key")
  void sectionNotAMapping() {
    List<ConfigProblem> p = problems(TestConfigs.minimalWith("schedule: 1m\n"));

    assertEquals(1, p.size());
    assertEquals("schedule", p.get(0).key());
  }

  @Test
  @DisplayName("a URL port above 65535 is refused with the range")
  void urlPortTooHigh() {
    String text =
        TestConfigs.minimal().replace("https://sma.example.com:4431", "http://127.0.0.1:99999");

    assertEquals(
        "port 99999 is out of range 1..65535 (write https://sma.example.com:4431)",
        byKey(problems(text)).get("sma.baseUrl"));
  }

  @Test
  @DisplayName("a URL port of 0 is refused, for etd.baseUrl too")
  void urlPortZero() {
    String text =
        TestConfigs.minimal()
            .replace("etd:\n", "etd:\n  baseUrl: https://127.0.0.1:0\n")
            .replace("https://sma.example.com:4431", "http://127.0.0.1:0");

    Map<String, String> p = byKey(problems(text));

    assertTrue(p.get("etd.baseUrl").startsWith("port 0 is out of range 1..65535"), p.toString());
    assertTrue(p.get("sma.baseUrl").startsWith("port 0 is out of range 1..65535"), p.toString());
  }

  @Test
  @DisplayName("an http.host with a space in it is refused")
  void hostWithSpace() {
    String text = TestConfigs.minimalWith("http:\n  host: \"127.0.0.1 9464\"\n");

    assertEquals(
        "not a host name or IP address: '127.0.0.1 9464' (write 127.0.0.1, or 0.0.0.0 to listen"
            + " on every address)",
        byKey(problems(text)).get("http.host"));
  }

  @Test
  @DisplayName("an http.host written as a URL is refused")
  void hostAsUrl() {
    String text = TestConfigs.minimalWith("http:\n  host: http://localhost/\n");

    assertTrue(byKey(problems(text)).get("http.host").startsWith("not a host name or IP address"));
  }

  @Test
  @DisplayName("host names and IPv4 and IPv6 literals are accepted as http.host")
  void hostForms() {
    for (String host : List.of("localhost", "agent-1.example.com", "0.0.0.0", "::1")) {
      String text = TestConfigs.minimalWith("http:\n  host: \"" + host + "\"\n");

      assertEquals(host, TestConfigs.parse(text, dir).http().host());
    }
  }

  @Test
  @DisplayName("a forwardTo holding only a bad address reports that address alone")
  void forwardToOnlyBadAddress() {
    String text = TestConfigs.minimal().replace("[soc@example.com]", "[\"not-an-email\"]");

    assertEquals(
        List.of(
            new ConfigProblem(
                "sma.forwardTo", "not a mail address: 'not-an-email' (write soc@example.com)")),
        problems(text));
  }

  @Test
  @DisplayName("an interval of 0s says what to write instead")
  void zeroInterval() {
    String text = TestConfigs.minimalWith("schedule:\n  interval: \"0s\"\n");

    assertEquals(
        "must be at least 1ms, found '0s' (write e.g. 1m)",
        byKey(problems(text)).get("schedule.interval"));
  }
}
