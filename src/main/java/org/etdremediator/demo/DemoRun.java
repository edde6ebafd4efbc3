package org.etdremediator.demo;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.etdremediator.sim.ConvictionStream;
import org.etdremediator.sim.EtdSimulator;
import org.etdremediator.sim.SmaSimulator;

/**
 * The demo: a simulated tenant whose convictions arrive over a few cycles, some of them before SMA
 * message tracking knows them, and a report of what the agent remediated.
 */
public final class DemoRun {
  private static final int FIRST_BATCH = 60;
  private static final int LATER_BATCH = 12;
  private static final int LATE_TRACKED = 3;

  private final Vertx vertx;
  private final PrintStream out;
  private SimulatedSite site;
  private final List<JsonObject> lateTracked = new ArrayList<>();

  public DemoRun(Vertx vertx, PrintStream out) {
    this.vertx = vertx;
    this.out = out;
  }

  /** Starts the simulators and publishes the first convictions. */
  public Future<SimulatedSite> prepare() {
    SmaSimulator.Options sma =
        SmaSimulator.Options.defaults().withRemediationLatency(Duration.ofMillis(40));
    return SimulatedSite.start(vertx, EtdSimulator.Options.defaults(), sma)
        .map(
            started -> {
              site = started;
              Instant now = Instant.now();
              List<JsonObject> first =
                  ConvictionStream.generate(
                      42,
                      FIRST_BATCH,
                      now.minus(Duration.ofMinutes(50)),
                      now.minus(Duration.ofMinutes(3)));
              List<String> must = mustRemediate(first);
              List<JsonObject> trackedNow = new ArrayList<>();
              for (JsonObject m : first) {
                if (lateTracked.size() < LATE_TRACKED && must.contains(m.getString("id"))) {
                  lateTracked.add(m);
                } else {
                  trackedNow.add(m);
                }
              }
              site.publish(trackedNow, true);
              site.publish(lateTracked, false);
              return site;
            });
  }

  /** What happens between cycles: tracking catches up, and new convictions arrive. */
  public void afterCycle(int cycle) {
    if (cycle == 1) {
      lateTracked.forEach(site::track);
      Instant now = Instant.now();
      site.publish(
          ConvictionStream.generate(
              7, LATER_BATCH, now.minus(Duration.ofSeconds(40)), now.minus(Duration.ofSeconds(5))),
          true);
    }
  }

  /** Prints what the SMA received and checks it against what had to be remediated. */
  public boolean report() {
    Map<String, String> etdIdByMessageId = site.etdIdsByMessageId();
    Map<String, Integer> sent = new HashMap<>();
    out.println();
    out.println("What the SMA was asked to remediate:");
    out.printf("  %-10s %-9s %-36s %s%n", "verdict", "action", "ETD id", "mailboxes");
    for (SmaSimulator.AcceptedRemediation r : site.sma().remediations()) {
      String messageId = r.message().getString("message_id");
      String id = etdIdByMessageId.getOrDefault(messageId, "(unknown)");
      sent.merge(id, 1, Integer::sum);
      JsonObject m = site.published().get(id);
      JsonObject verdict =
          m == null ? new JsonObject() : m.getJsonObject("verdict", new JsonObject());
      JsonArray to = r.message().getJsonArray("recipient_email");
      out.printf(
          "  %-10s %-9s %-36s %s%n",
          verdict.getString("latestVerdict", verdict.getString("category", "?")),
          r.batch().getString("action"),
          id,
          String.join(", ", to.stream().map(String::valueOf).toList()));
    }
    List<String> must = site.mustRemediate();
    List<String> missed = must.stream().filter(id -> !sent.containsKey(id)).toList();
    List<String> twice =
        sent.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    List<String> extra = sent.keySet().stream().filter(id -> !must.contains(id)).toList();
    out.println();
    out.printf(
        "%d messages published in ETD, %d of them convictions with a mailbox;"
            + " %d remediation requests accepted by the SMA.%n",
        site.published().size(), must.size(), site.sma().remediations().size());
    boolean ok = missed.isEmpty() && twice.isEmpty() && extra.isEmpty();
    if (ok) {
      out.println("Every conviction with a mailbox was remediated exactly once, and nothing else.");
    } else {
      out.println(
          "MISMATCH: missed " + missed + ", sent twice " + twice + ", not convictions " + extra);
    }
    return ok;
  }

  /** Whether everything that must be remediated has been. */
  public boolean complete() {
    return site.sma().remediations().size() >= site.mustRemediate().size();
  }

  public SimulatedSite site() {
    return site;
  }

  public JsonObject config(Path stateDir) {
    return site.config(stateDir);
  }

  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    if (site == null) {
      return Future.succeededFuture();
    }
    site.close().onComplete(x -> done.complete());
    return done.future();
  }

  private static List<String> mustRemediate(List<JsonObject> messages) {
    SimulatedSite scratch = SimulatedSite.scratch();
    messages.forEach(scratch::remember);
    return scratch.mustRemediate();
  }
}
