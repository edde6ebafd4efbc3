package org.etdremediator.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.etdremediator.cli.AgentProcess;
import org.etdremediator.demo.SimulatedSite;
import org.etdremediator.etd.ConvictionParser;
import org.etdremediator.ledger.CycleSummary;
import org.etdremediator.sim.ConvictionStream;
import org.etdremediator.sim.SmaSimulator;

/**
 * What a simulated site's SMA was asked to do, read back by ETD id, and the checks the tests make
 * on it.
 */
public final class SiteRecord {
  private SiteRecord() {}

  /** Publishes {@code n} generated messages received between {@code ago} and two seconds ago. */
  public static List<JsonObject> publish(
      SimulatedSite site, long seed, int n, Duration ago, boolean tracked) {
    Instant now = Instant.now();
    List<JsonObject> messages =
        ConvictionStream.generate(seed, n, now.minus(ago), now.minus(Duration.ofSeconds(2)));
    site.publish(messages, tracked);
    return messages;
  }

  /** How many times the SMA accepted a remediation of each published message, by ETD id. */
  public static Map<String, Integer> remediationCounts(SimulatedSite site) {
    Map<String, String> byMessageId = site.etdIdsByMessageId();
    Map<String, Integer> counts = new HashMap<>();
    for (SmaSimulator.AcceptedRemediation r : site.sma().remediations()) {
      counts.merge(byMessageId.get(r.message().getString("message_id")), 1, Integer::sum);
    }
    return counts;
  }

  /** Every message the site requires was remediated exactly once, and nothing else was. */
  public static void assertExactlyOnce(SimulatedSite site) {
    Map<String, Integer> counts = remediationCounts(site);
    assertEquals(
        Set.copyOf(site.mustRemediate()),
        counts.keySet(),
        "remediated exactly the convictions with a mailbox");
    counts.forEach((id, n) -> assertEquals(1, n, "remediations of " + id));
  }

  /** The SMA's accepted remediation requests for one published message. */
  public static List<SmaSimulator.AcceptedRemediation> remediationsOf(
      SimulatedSite site, JsonObject message) {
    String messageId = ConvictionParser.normaliseMessageId(message.getString("internetMessageId"));
    return site.sma().remediations().stream()
        .filter(r -> messageId.equals(r.message().getString("message_id")))
        .toList();
  }

  /** Runs {@code n} cycles one after another; the future holds the last summary. */
  public static Future<CycleSummary> cycles(AgentProcess agent, int n) {
    Future<CycleSummary> chain = Future.succeededFuture();
    for (int i = 0; i < n; i++) {
      chain = chain.compose(v -> agent.runCycle());
    }
    return chain;
  }

  /**
   * Runs cycles one after another until {@code done} holds after one, at most {@code max} cycles;
   * fails when it never does.
   */
  public static Future<CycleSummary> cyclesUntil(
      AgentProcess agent, Predicate<CycleSummary> done, int max) {
    return agent
        .runCycle()
        .compose(
            summary -> {
              if (done.test(summary)) {
                return Future.succeededFuture(summary);
              }
              if (max <= 1) {
                return Future.failedFuture(
                    new AssertionError("the expected outcome never came; last cycle: " + summary));
              }
              return cyclesUntil(agent, done, max - 1);
            });
  }

  /** Every line of the audit log in a state directory, oldest first. */
  public static List<JsonObject> audit(Path stateDir) {
    try {
      Path file = stateDir.resolve("audit.jsonl");
      return Files.exists(file)
          ? Files.readAllLines(file).stream()
              .filter(l -> !l.isBlank())
              .map(JsonObject::new)
              .toList()
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
