package org.etdremediator.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.etdremediator.config.FilterSettings;
import org.etdremediator.etd.Conviction;
import org.etdremediator.etd.ConvictionParser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Which convictions qualify, and which mailboxes are cleaned")
class FiltersTest {
  private static final List<String> VERDICTS = List.of("bec", "scam", "phishing", "malicious");

  private static Conviction message(String from, String... mailboxes) {
    return ConvictionParser.parse(
            new JsonObject()
                .put("id", "m1")
                .put("direction", "incoming")
                .put("fromAddress", from)
                .put("internetMessageId", "<m1@example.test>")
                .put("mailboxes", new JsonArray(List.of((Object[]) mailboxes)))
                .put("verdict", new JsonObject().put("latestVerdict", "phishing")))
        .conviction();
  }

  private static FilterSettings filters(Set<String> mailboxes, Set<String> domains) {
    return new FilterSettings(Set.of("incoming", "internal"), mailboxes, domains, true);
  }

  @Test
  @DisplayName("an excluded mailbox is excluded whatever spelling ETD gives it")
  void excludedMailboxInAnySpelling() {
    Conviction c =
        message(
            "x@phish.test",
            "Alice Smith <ALICE@example.com>",
            "mailto:alice@example.com",
            "<alice@example.com>",
            "bob@example.com");
    Filters.Decision d =
        Filters.decide(c, VERDICTS, filters(Set.of("alice@example.com"), Set.of()));
    assertFalse(d.skipped());
    assertEquals(List.of("bob@example.com"), d.target().mailboxes());
    Filters.Decision none =
        Filters.decide(
            message("x@phish.test", "Alice <alice@example.com>"),
            VERDICTS,
            filters(Set.of("alice@example.com"), Set.of()));
    assertTrue(none.skipped());
  }

  @Test
  @DisplayName("an excluded sender domain covers its subdomains, but not look-alikes")
  void senderDomainAndSubdomains() {
    FilterSettings f = filters(Set.of(), Set.of("phish-sim.example"));
    assertTrue(
        Filters.decide(message("a@phish-sim.example", "bob@example.com"), VERDICTS, f).skipped());
    assertTrue(
        Filters.decide(message("a@mail.phish-sim.example", "bob@example.com"), VERDICTS, f)
            .skipped());
    assertFalse(
        Filters.decide(message("a@notphish-sim.example", "bob@example.com"), VERDICTS, f)
            .skipped());
  }
}
