package org.etdremediator.etd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading an ETD message")
class ConvictionParserTest {
  private static JsonArray fixture(String name) throws Exception {
    JsonObject page =
        new JsonObject(Files.readString(Path.of("src/test/resources/fixtures", name)));
    return page.getJsonObject("data").getJsonArray("messages");
  }

  @Test
  @DisplayName("the sample page reads with its verdicts, mailboxes and nine-digit timestamps")
  void samplePage() throws Exception {
    Conviction first =
        ConvictionParser.parse(fixture("etd-search-page1.json").getValue(0)).conviction();
    assertEquals("0f2c6a1e-3b7d-4c1a-9e55-2a7d1c4b9f01", first.id());
    assertEquals(Instant.parse("2026-03-04T09:15:30.123456789Z"), first.receivedAt());
    assertEquals("phishing", first.verdict());
    assertEquals(List.of("alice@example.com"), first.mailboxes());
    assertEquals("<20260304091530.AB12CD@mailer.examp1e-login.test>", first.messageId());
    assertEquals("examp1e-login.test", first.senderDomain());
  }

  @Test
  @DisplayName("a Message-ID without angle brackets gets them, and latestVerdict wins")
  void bracketsAndLatestVerdict() throws Exception {
    Conviction bec =
        ConvictionParser.parse(fixture("etd-search-page1.json").getValue(1)).conviction();
    assertEquals("<CAF00BAR1234@mail.examp1e-corp.test>", bec.messageId());
    assertEquals("bec", bec.verdict());
    assertTrue(bec.retro());
    assertEquals(List.of("carol@example.com", "dave@example.com"), bec.mailboxes());
  }

  @Test
  @DisplayName("missing, null and empty fields are tolerated")
  void sparseMessage() throws Exception {
    Conviction c =
        ConvictionParser.parse(fixture("etd-search-page2.json").getValue(0)).conviction();
    assertEquals("malicious", c.verdict());
    assertNull(c.verdictAt());
    assertFalse(c.autoRemediated());
    ConvictionParser.Parsed bare =
        ConvictionParser.parse(
            new JsonObject()
                .put("id", "x")
                .putNull("mailboxes")
                .putNull("verdict")
                .put("timestamp", "not a time"));
    assertTrue(bare.ok());
    assertEquals(List.of(), bare.conviction().mailboxes());
    assertNull(bare.conviction().receivedAt());
    assertEquals("", bare.conviction().verdict());
  }

  @Test
  @DisplayName("a message without an id, or not an object, is reported, not guessed")
  void unusable() {
    assertFalse(ConvictionParser.parse(new JsonObject().put("subject", "x")).ok());
    assertFalse(ConvictionParser.parse("text").ok());
  }

  @Test
  @DisplayName(
      "a mailbox written as a name and address, in brackets or as mailto: is the bare address")
  void mailboxSpellings() {
    Conviction c =
        ConvictionParser.parse(
                new JsonObject()
                    .put("id", "x")
                    .put("fromAddress", "IT Helpdesk <Help@Examp1e.test>")
                    .put(
                        "mailboxes",
                        new JsonArray()
                            .add("Alice Smith <Alice@Example.com>")
                            .add("<bob@example.com>")
                            .add("mailto:carol@example.com")
                            .add("alice@example.com")
                            .add("not an address")))
            .conviction();
    assertEquals(
        List.of("alice@example.com", "bob@example.com", "carol@example.com"), c.mailboxes());
    assertEquals("help@examp1e.test", c.fromAddress());
    assertEquals("examp1e.test", c.senderDomain());
  }

  @Test
  @DisplayName("flags ETD sends as the text \"true\" count as true")
  void textFlags() {
    Conviction c =
        ConvictionParser.parse(
                new JsonObject()
                    .put("id", "x")
                    .put("action", new JsonObject().put("isAutoRemediated", "true"))
                    .put("verdict", new JsonObject().put("isRetroVerdict", "TRUE")))
            .conviction();
    assertTrue(c.autoRemediated());
    assertTrue(c.retro());
  }

  @Test
  @DisplayName("only well-formed addresses are taken, however ETD wraps them")
  void addressesInAnyWrapping() {
    assertEquals(
        List.of("soc@example.com"),
        ConvictionParser.addressesIn("mailto:SOC@example.com?subject=x"));
    assertEquals(List.of("soc@example.com"), ConvictionParser.addressesIn("soc@example.com."));
    assertEquals(List.of(), ConvictionParser.addressesIn("soc\u200b@example.com"));
    assertEquals(
        List.of("grace@example.com", "heidi@example.com"),
        ConvictionParser.addressesIn("Grace <grace@example.com>, heidi@example.com"));
    assertEquals(
        List.of("soc@example.com", "heidi@example.com"),
        ConvictionParser.addressesIn("soc@example.com;heidi@example.com"));
    for (String sender :
        new String[] {
          "X@PHISHSIM.TEST>",
          "<x@phishsim.test",
          "x@phishsim.test (Vendor)",
          "\"Vendor\" x@phishsim.test"
        }) {
      assertEquals("x@phishsim.test", ConvictionParser.bareAddress(sender), sender);
    }
  }
}
