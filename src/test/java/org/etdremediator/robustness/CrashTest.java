package org.etdremediator.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.etdremediator.agent.SiteRecord;
import org.etdremediator.ledger.StateReport;
import org.etdremediator.ledger.StateStore;
import org.etdremediator.sim.Endpoint;
import org.etdremediator.sim.Fault;
import org.etdremediator.sim.SmaSimulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The agent killed, stopped and restarted as a real process")
class CrashTest extends SiteTest {
  private static final Duration LINE_WAIT = Duration.ofSeconds(20);

  @Override
  protected SmaSimulator.Options smaOptions() {
    // Slow enough that a kill or a stop meets remediation calls in flight.
    return super.smaOptions().withRemediationLatency(Duration.ofMillis(120));
  }

  private void configureService() {
    harness
        .set("schedule", "interval", "300ms")
        .set("etd", "timeout", "3s")
        .set("sma", "timeout", "3s")
        .set("sma", "maxAttempts", 3)
        .writeConfig();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** The published ids the state directory records as remediated; opens and closes it. */
  private Set<String> ledger(Vertx vertx) throws Exception {
    StateStore store =
        await(StateStore.open(vertx, harness.stateDir(), Duration.ofDays(14), Clock.systemUTC()));
    try {
      return site.published().keySet().stream()
          .filter(store::isRemediated)
          .collect(Collectors.toSet());
    } finally {
      await(store.close());
    }
  }

  /** Published ids the SMA accepted a remediation of in {@code [from, before)}. */
  private Set<String> accepted(Instant from, Instant before) {
    Map<String, String> byMessageId = site.etdIdsByMessageId();
    return site.sma().remediations().stream()
        .filter(r -> !r.acceptedAt().isBefore(from) && r.acceptedAt().isBefore(before))
        .map(r -> byMessageId.get(r.message().getString("message_id")))
        .collect(Collectors.toSet());
  }

  private static boolean remediatedLine(String line) {
    return line.contains("[Remediator] remediated ");
  }

  private static boolean startedLine(String line) {
    return line.contains("agent started:");
  }

  @Test
  @DisplayName(
      "chaos on both sides and kill -9 four times: every conviction remediated, repeats only of"
          + " calls in flight at a kill")
  void chaosWithKills(Vertx vertx) throws Exception {
    configureService();
    SiteRecord.publish(site, 51, 120, Duration.ofMinutes(50), true);
    site.etd().faults().chaos(5101, 0.15, Duration.ofMillis(250));
    site.sma().faults().chaos(5102, 0.15, Duration.ofMillis(250));
    int concurrency = harness.config().getJsonObject("sma").getInteger("concurrency");
    List<Integer> inFlightAtKill = new ArrayList<>();
    List<Integer> unrecordedAtKill = new ArrayList<>();
    Map<String, Integer> inFlightKills = new HashMap<>();
    Set<String> ledgerAfterKill = null;
    Instant previousStart = Instant.MIN;
    int[] killAfter = {0, 5, 9, 14};
    for (int round = 0; round <= killAfter.length; round++) {
      ChildAgent child = ChildAgent.start("run", harness.configFile());
      ChildAgent.Line started = child.await(CrashTest::startedLine, 1, LINE_WAIT);
      assertNotNull(started, "the agent started:\n" + child.output());
      if (ledgerAfterKill != null) {
        // What the SMA accepted from the killed agent but its ledger lacks was in flight then.
        Set<String> notRecorded = new HashSet<>(accepted(previousStart, started.at()));
        notRecorded.removeAll(ledgerAfterKill);
        unrecordedAtKill.add(notRecorded.size());
        notRecorded.forEach(id -> inFlightKills.merge(id, 1, Integer::sum));
        assertTrue(
            notRecorded.size() <= concurrency,
            "only the calls in flight were unrecorded: " + notRecorded);
      }
      previousStart = started.at();
      if (round == killAfter.length) {
        finish(child);
        break;
      }
      if (killAfter[round] > 0) {
        // Waits for some remediations; when there is no more work the kill comes anyway.
        child.await(CrashTest::remediatedLine, killAfter[round], Duration.ofSeconds(8));
      }
      inFlightAtKill.add(site.sma().inFlight());
      child.kill();
      ledgerAfterKill = ledger(vertx);
      SiteRecord.publish(site, 60 + round, 10, Duration.ofSeconds(60), true);
    }

    Map<String, Integer> counts = SiteRecord.remediationCounts(site);
    Set<String> repeated =
        counts.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    int repeats = counts.values().stream().mapToInt(n -> n - 1).sum();
    System.out.printf(
        "chaos run: %d convictions to remediate, %d remediation calls accepted, %d kills;"
            + " SMA calls in flight at each kill %s, accepted but unrecorded at each kill %s;"
            + " %d repeated remediations %s; faults injected ETD %d, SMA %d%n",
        site.mustRemediate().size(),
        site.sma().remediations().size(),
        killAfter.length,
        inFlightAtKill,
        unrecordedAtKill,
        repeats,
        repeated,
        site.etd().faults().injected(),
        site.sma().faults().injected());
    assertEquals(Set.copyOf(site.mustRemediate()), counts.keySet(), "nothing missed, nothing else");
    // A message is sent again once for each kill that met its call in flight, and never else.
    counts.forEach(
        (id, n) ->
            assertTrue(
                n - 1 <= inFlightKills.getOrDefault(id, 0),
                id
                    + " remediated "
                    + n
                    + " times, in flight at "
                    + inFlightKills.get(id)
                    + " kills"));
  }

  /** Lets the last agent finish the work under chaos, then stops it with SIGTERM. */
  private void finish(ChildAgent child) throws Exception {
    Set<String> must = Set.copyOf(site.mustRemediate());
    int cycles = 0;
    while (!SiteRecord.remediationCounts(site).keySet().containsAll(must) && cycles < 60) {
      cycles++;
      assertNotNull(
          child.await(l -> l.contains("[Cycle] cycle "), cycles, LINE_WAIT),
          "cycle " + cycles + " ended:\n" + child.output());
    }
    assertEquals(0, child.terminate(Duration.ofSeconds(30)), "SIGTERM exits 0");
  }

  @Test
  @DisplayName("SIGTERM lets the calls in flight finish, records them, saves state and exits 0")
  void sigtermIsOrderly(Vertx vertx) throws Exception {
    configureService();
    SiteRecord.publish(site, 52, 80, Duration.ofMinutes(50), true);
    ChildAgent child = ChildAgent.start("run", harness.configFile());
    assertNotNull(child.await(CrashTest::remediatedLine, 3, LINE_WAIT), child.output());
    int inFlight = site.sma().inFlight();
    long began = System.nanoTime();
    int code = child.terminate(Duration.ofSeconds(25));
    Files.writeString(
        java.nio.file.Path.of("/tmp/sigt/child.txt"),
        child.output() + "\nlines " + child.count(l -> true));
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    assertEquals(0, code, "exit code of an orderly stop:\n" + child.output());
    assertTrue(
        child.output().contains("agent stopped; state saved"),
        "stopped after " + took.toMillis() + " ms:\n" + child.output());
    Set<String> accepted = accepted(Instant.MIN, Instant.now().plusSeconds(1));
    Set<String> recorded = ledger(vertx);
    assertEquals(accepted, recorded, "every call the SMA accepted is in the ledger");
    StateReport report = await(StateStore.inspect(vertx, harness.stateDir()));
    assertNotNull(report.lastCycle(), "the last cycle was saved");
    System.out.printf(
        "SIGTERM with %d SMA calls in flight: exit %d after %d ms%n",
        inFlight, code, took.toMillis());
  }

  @Test
  @DisplayName("SIGTERM stops retries at once: what was not sent stays pending, exit 0")
  void sigtermStopsRetries(Vertx vertx) throws Exception {
    configureService();
    harness.set("sma", "maxAttempts", 6).writeConfig();
    SiteRecord.publish(site, 53, 30, Duration.ofMinutes(50), true);
    site.sma().faults().always(Endpoint.SMA_REMEDIATION, Fault.status(503));
    ChildAgent child = ChildAgent.start("run", harness.configFile());
    assertNotNull(child.await(l -> l.contains("(attempt 2/6)"), 1, LINE_WAIT), child.output());
    long began = System.nanoTime();
    int code = child.terminate(Duration.ofSeconds(25));
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    String out = child.output();
    assertEquals(0, code, out);
    // Without the halt the stop would wait out the retries' backoff, up to the 20 s grace.
    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "stopped after " + took + ":\n" + out);
    assertTrue(!out.contains("stopping with calls still in flight"), out);
    StateReport report = await(StateStore.inspect(vertx, harness.stateDir()));
    assertEquals(
        site.mustRemediate().size(), report.pending().size(), "every conviction pending on disk");
  }

  @Test
  @DisplayName("a corrupt state file stops run with its path and a message, no stack trace")
  void corruptStateStopsRun() throws Exception {
    configureService();
    Files.createDirectories(harness.stateDir());
    Files.writeString(harness.stateDir().resolve("checkpoint.json"), "{\"searchedUntil\": tru");
    ChildAgent child = ChildAgent.start("run", harness.configFile());
    int code = child.exitCode(Duration.ofSeconds(30));
    String out = child.output();
    assertEquals(1, code, out);
    assertTrue(out.contains(harness.stateDir().resolve("checkpoint.json").toString()), out);
    assertTrue(!out.contains("Exception") && !out.contains("\tat "), "no stack trace:\n" + out);
    assertEquals(
        "{\"searchedUntil\": tru",
        Files.readString(harness.stateDir().resolve("checkpoint.json")),
        "the file is left as it was");
  }
}
