package org.etdremediator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.etdremediator.demo.YamlText;
import org.etdremediator.sim.Endpoint;
import org.etdremediator.sim.Fault;
import org.etdremediator.sim.SmaSimulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A running service takes changes of its config file without a restart")
class HotReloadTest extends OnSimulatedSite {

  private static JsonObject section(JsonObject config, String name) {
    return config.getJsonObject(name);
  }

  @Test
  @DisplayName("a new interval reschedules the timer at once")
  void newInterval(VertxTestContext ctx) {
    harness.configure(c -> section(c, "schedule").put("interval", "1h"));
    AtomicInteger cyclesAfterChange = new AtomicInteger();
    harness
        .startService()
        .compose(
            agent -> {
              Future<?> changed = Service.nextChange(agent);
              harness.rewriteConfig(c -> section(c, "schedule").put("interval", "200ms"));
              return changed
                  .compose(
                      change ->
                          Service.cycleWhere(agent, s -> cyclesAfterChange.incrementAndGet() >= 3))
                  .eventually(agent::stop);
            })
        .onComplete(
            checked(
                ctx,
                summary -> {
                  // With the old hour-long interval no second cycle would come at all.
                  assertEquals(3, cyclesAfterChange.get());
                }));
  }

  @Test
  @DisplayName("a verdict added to the list is remediated, older messages of it included")
  void newVerdict(VertxTestContext ctx) {
    JsonObject malicious = Messages.withVerdict(Messages.conviction(), "malicious");
    JsonObject phishing = Messages.conviction();
    publish(malicious, phishing);
    harness.configure(
        c -> {
          section(c, "etd").put("verdicts", new JsonArray().add("malicious"));
          section(c, "schedule").put("interval", "300ms");
        });
    harness
        .startService()
        .compose(
            agent ->
                Service.cycleWhen(agent, () -> remediated(malicious))
                    .compose(
                        first -> {
                          ctx.verify(() -> assertTrue(remediationsOf(phishing).isEmpty()));
                          harness.rewriteConfig(
                              c ->
                                  section(c, "etd")
                                      .put(
                                          "verdicts",
                                          new JsonArray().add("malicious").add("phishing")));
                          return Service.cycleWhen(agent, () -> remediated(phishing));
                        })
                    .eventually(agent::stop))
        .onComplete(
            checked(
                ctx,
                v -> {
                  assertEquals(1, remediationsOf(malicious).size());
                  assertEquals(1, remediationsOf(phishing).size());
                }));
  }

  @Test
  @DisplayName("a corrected SMA password is used at the next cycle, and what was pending goes out")
  void newSmaPassword(VertxTestContext ctx) {
    JsonObject message = Messages.conviction();
    publish(message);
    harness.configure(
        c -> {
          section(c, "sma").put("password", "an-old-password");
          section(c, "schedule").put("interval", "300ms");
        });
    harness
        .startService()
        .compose(
            agent ->
                Service.cycleWhere(agent, s -> s.pending() > 0)
                    .compose(
                        refused -> {
                          harness.rewriteConfig(
                              c -> section(c, "sma").put("password", smaOptions().password()));
                          return Service.cycleWhen(agent, () -> remediated(message));
                        })
                    .eventually(agent::stop))
        .onComplete(
            checked(
                ctx,
                v -> {
                  assertEquals(1, remediationsOf(message).size());
                }));
  }

  @Test
  @DisplayName("moving to another SMA with other credentials drops the old token and logs in there")
  void newSma(Vertx vertx, VertxTestContext ctx) {
    JsonObject before = Messages.conviction();
    JsonObject after = Messages.recent();
    site.publish(List.of(before), false);
    harness.configure(
        c -> {
          section(c, "sma").put("trackingLookup", false);
          section(c, "schedule").put("interval", "300ms");
        });
    SmaSimulator.start(
            vertx, SmaSimulator.Options.defaults().withCredentials("etd-agent", "an0ther-pass"))
        .compose(
            other ->
                harness
                    .startService()
                    .compose(
                        agent ->
                            Service.cycleWhen(agent, () -> remediated(before))
                                .compose(
                                    first -> {
                                      harness.rewriteConfig(
                                          c ->
                                              section(c, "sma")
                                                  .put("baseUrl", other.baseUrl())
                                                  .put("username", "etd-agent")
                                                  .put("password", "an0ther-pass"));
                                      return Service.nextChangeInForce(agent);
                                    })
                                .compose(
                                    change -> {
                                      site.publish(List.of(after), false);
                                      return Service.cycleWhen(
                                          agent, () -> !remediationsOf(other, after).isEmpty());
                                    })
                                .eventually(agent::stop))
                    .map(v -> other)
                    .eventually(other::close))
        .onComplete(
            checked(
                ctx,
                other -> {
                  assertEquals(
                      Endpoint.SMA_LOGIN,
                      other.allRequests().get(0).endpoint(),
                      "the first call to the new SMA is a login, not an old token");
                  assertEquals(1, other.loginCalls());
                  assertTrue(remediationsOf(other, before).isEmpty());
                  assertTrue(remediationsOf(after).isEmpty());
                  assertEquals(
                      "etd-agent",
                      remediationsOf(other, after).get(0).batch().getString("initiated_username"));
                }));
  }

  @Test
  @DisplayName("more SMA concurrency applies from the next cycle")
  void newConcurrency(VertxTestContext ctx) {
    site.sma().faults().always(Endpoint.SMA_REMEDIATION, Fault.latency(Duration.ofMillis(60)));
    List<JsonObject> first = new ArrayList<>();
    List<JsonObject> second = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      first.add(Messages.conviction());
      second.add(Messages.recent());
    }
    publish(first.toArray(JsonObject[]::new));
    harness.configure(
        c -> {
          section(c, "sma").put("concurrency", 1);
          section(c, "schedule").put("interval", "300ms");
        });
    List<Integer> peaks = new ArrayList<>();
    harness
        .startService()
        .compose(
            agent ->
                Service.cycleWhen(agent, () -> first.stream().allMatch(this::remediated))
                    .compose(
                        done -> {
                          peaks.add(site.sma().peakInFlight());
                          harness.rewriteConfig(c -> section(c, "sma").put("concurrency", 3));
                          return Service.nextChangeInForce(agent);
                        })
                    .compose(
                        change -> {
                          publish(second.toArray(JsonObject[]::new));
                          return Service.cycleWhen(
                              agent, () -> second.stream().allMatch(this::remediated));
                        })
                    .eventually(agent::stop))
        .onComplete(
            checked(
                ctx,
                v -> {
                  assertEquals(1, peaks.get(0), "peak in flight with concurrency 1");
                  assertEquals(3, site.sma().peakInFlight(), "peak with concurrency 3");
                }));
  }

  @Test
  @DisplayName(
      "a change in the middle of a cycle lets that cycle finish on the old config, losing and"
          + " repeating nothing")
  void changeMidCycle(VertxTestContext ctx) {
    site.sma().faults().always(Endpoint.SMA_REMEDIATION, Fault.latency(Duration.ofMillis(200)));
    List<JsonObject> early = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      early.add(Messages.conviction());
    }
    publish(early.toArray(JsonObject[]::new));
    JsonObject late = Messages.recent();
    harness.configure(
        c -> {
          section(c, "sma").put("concurrency", 2);
          section(c, "schedule").put("interval", "1h");
        });
    AtomicInteger doneAtChange = new AtomicInteger(-1);
    harness
        .startService()
        .compose(
            agent -> {
              Future<org.etdremediator.ledger.CycleSummary> firstCycle = Service.nextCycle(agent);
              Future<?> changed =
                  Service.nextChange(agent)
                      .onSuccess(c -> doneAtChange.set(site.sma().remediations().size()));
              harness.rewriteConfig(
                  c -> {
                    section(c, "sma").put("action", "delete").put("concurrency", 4);
                    section(c, "schedule").put("interval", "300ms");
                  });
              return Future.all(firstCycle, changed)
                  .compose(
                      both -> {
                        publish(late);
                        return Service.cycleWhen(agent, () -> remediated(late))
                            .map(v -> firstCycle.result());
                      })
                  .eventually(agent::stop);
            })
        .onComplete(
            checked(
                ctx,
                firstCycle -> {
                  assertTrue(
                      doneAtChange.get() < early.size(),
                      "the change came while the first cycle was still sending: "
                          + doneAtChange.get());
                  assertEquals(early.size(), firstCycle.remediated());
                  for (JsonObject m : early) {
                    assertEquals(1, remediationsOf(m).size(), "remediations of one");
                    assertEquals(
                        "fwdDelete",
                        remediationsOf(m).get(0).batch().getString("action"),
                        "the running cycle keeps the config it started with");
                  }
                  assertEquals(1, remediationsOf(late).size());
                  assertEquals("delete", remediationsOf(late).get(0).batch().getString("action"));
                  assertEquals(early.size() + 1, site.sma().remediations().size());
                }));
  }

  @Test
  @DisplayName(
      "an invalid file is refused with one line per bad key, counted on /metrics, and the old"
          + " config keeps working")
  void invalidRefused(Vertx vertx, VertxTestContext ctx) {
    withStatusServer();
    harness.configure(c -> section(c, "schedule").put("interval", "300ms"));
    JsonObject message = Messages.recent();
    LogCapture log = LogCapture.info();
    harness
        .startService()
        .compose(
            agent -> {
              Future<List<org.etdremediator.config.ConfigProblem>> refused =
                  Service.nextRefusal(agent);
              JsonObject broken = harness.config().copy();
              section(broken, "etd").put("pageSiz", 5);
              section(broken, "schedule").put("interval", "soon");
              harness.rewriteConfigText(YamlText.of(broken));
              return refused
                  .compose(
                      problems -> {
                        ctx.verify(
                            () -> {
                              assertEquals(2, problems.size(), problems.toString());
                              assertEquals(
                                  Duration.ofMillis(300),
                                  agent.watcher().current().schedule().interval());
                            });
                        publish(message);
                        return Service.cycleWhen(agent, () -> remediated(message));
                      })
                  .compose(v -> Service.scrape(vertx, agent))
                  .eventually(agent::stop);
            })
        .eventually(log::closed)
        .onComplete(
            checked(
                ctx,
                scrape -> {
                  List<String> refusals =
                      log.at(Level.WARN).stream()
                          .filter(l -> l.startsWith("config reload refused"))
                          .toList();
                  assertEquals(2, refusals.size(), refusals.toString());
                  assertTrue(refusals.stream().anyMatch(l -> l.contains("etd.pageSiz")));
                  assertTrue(refusals.stream().anyMatch(l -> l.contains("schedule.interval")));
                  assertEquals(
                      1.0,
                      Service.sample(
                          scrape, "etd_remediator_config_reloads_total", "outcome=\"refused\""));
                  assertEquals(1, remediationsOf(message).size());
                }));
  }

  @Test
  @DisplayName("a change of http.port or state.dir is logged as needing a restart and kept")
  void restartKeys(Vertx vertx, VertxTestContext ctx) {
    withStatusServer();
    LogCapture log = LogCapture.info();
    harness
        .startService()
        .compose(
            agent -> {
              Future<?> changed = Service.nextChange(agent);
              harness.rewriteConfig(
                  c -> {
                    c.getJsonObject("http").put("port", 1);
                    c.getJsonObject("state").put("dir", dir.resolve("elsewhere").toString());
                  });
              return changed
                  .compose(v -> Service.get(vertx, agent, "/health/live"))
                  .map(r -> r.statusCode())
                  .eventually(agent::stop);
            })
        .eventually(log::closed)
        .onComplete(
            checked(
                ctx,
                liveStatus -> {
                  List<String> warnings = log.at(Level.WARN);
                  assertTrue(
                      warnings.contains(
                          "config key http.port changed; restart the service to apply it"),
                      warnings.toString());
                  assertTrue(
                      warnings.contains(
                          "config key state.dir changed; restart the service to apply it"),
                      warnings.toString());
                  assertEquals(200, liveStatus, "still served on the running port");
                }));
  }
}
