package org.etdremediator.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.etdremediator.demo.SimulatedSite;
import org.etdremediator.sim.ConvictionStream;
import org.etdremediator.sim.Endpoint;
import org.etdremediator.sim.EtdSimulator;
import org.etdremediator.sim.Fault;
import org.etdremediator.sim.MutableClock;
import org.etdremediator.sim.SmaSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The agent end to end, against the simulators")
class EndToEndTest {
  @TempDir Path dir;
  private SimulatedSite site;

  @BeforeEach
  void startSite(Vertx vertx, VertxTestContext ctx) {
    SimulatedSite.start(
            vertx,
            EtdSimulator.Options.defaults().withoutRateLimit(),
            SmaSimulator.Options.defaults().withRemediationLatency(Duration.ofMillis(20)))
        .onComplete(
            ctx.succeeding(
                s -> {
                  site = s;
                  ctx.completeNow();
                }));
  }

  @AfterEach
  void stopSite(VertxTestContext ctx) {
    site.close().onComplete(ctx.succeedingThenComplete());
  }

  private List<JsonObject> publish(long seed, int n) {
    Instant now = Instant.now();
    List<JsonObject> messages =
        ConvictionStream.generate(
            seed, n, now.minus(Duration.ofMinutes(50)), now.minus(Duration.ofMinutes(2)));
    site.publish(messages, true);
    return messages;
  }

  /** Messages received within the last minute and a half, inside the window's overlap. */
  private List<JsonObject> publishRecent(long seed, int n) {
    Instant now = Instant.now();
    List<JsonObject> messages =
        ConvictionStream.generate(
            seed, n, now.minus(Duration.ofSeconds(90)), now.minus(Duration.ofSeconds(2)));
    site.publish(messages, true);
    return messages;
  }

  @Test
  @DisplayName("every page of a search is read, the last one included")
  void readsEveryPage(Vertx vertx, VertxTestContext ctx) {
    publish(1, 95);
    AgentHarness harness = new AgentHarness(vertx, site, dir);
    harness.config().getJsonObject("etd").put("pageSize", 7);
    harness
        .startOnce()
        .compose(agent -> agent.runCycle().compose(summary -> agent.stop().map(summary)))
        .onComplete(
            ctx.succeeding(
                summary ->
                    ctx.verify(
                        () -> {
                          assertTrue(summary.ok(), "cycle ok: " + summary.error());
                          SiteRecord.assertExactlyOnce(site);
                          long searches =
                              site.etd().requests().stream()
                                  .filter(r -> r.endpoint() == Endpoint.ETD_SEARCH)
                                  .count();
                          assertTrue(searches >= 2, "searched in several pages: " + searches);
                          ctx.completeNow();
                        })));
  }

  /** Runs a cycle, then {@code between}, then a second cycle, and stops; gives the second. */
  private Future<org.etdremediator.ledger.CycleSummary> twoCycles(Vertx vertx, Runnable between) {
    return new AgentHarness(vertx, site, dir)
        .startOnce()
        .compose(
            agent ->
                agent
                    .runCycle()
                    .compose(
                        first -> {
                          between.run();
                          return agent.runCycle();
                        })
                    .compose(second -> agent.stop().map(second)));
  }

  @Test
  @DisplayName("an ETD token that expires between cycles is renewed, and the search goes on")
  void renewsExpiredEtdToken(Vertx vertx, VertxTestContext ctx) {
    publish(2, 30);
    twoCycles(
            vertx,
            () -> {
              site.etd().expireTokens();
              publishRecent(3, 30);
            })
        .onComplete(
            ctx.succeeding(
                second ->
                    ctx.verify(
                        () -> {
                          assertTrue(second.ok(), "second cycle ok: " + second.error());
                          assertEquals(2, site.etd().tokenCalls(), "one token, then one renewal");
                          SiteRecord.assertExactlyOnce(site);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("an SMA 401 leads to one new login and the remediation succeeds")
  void smaUnauthorizedLogsInAgain(Vertx vertx, VertxTestContext ctx) {
    publish(4, 20);
    twoCycles(
            vertx,
            () -> {
              site.sma().expireTokens();
              publishRecent(5, 20);
            })
        .onComplete(
            ctx.succeeding(
                second ->
                    ctx.verify(
                        () -> {
                          assertTrue(second.ok(), "second cycle ok: " + second.error());
                          assertEquals(
                              2, site.sma().loginCalls(), "one login, then one after the 401");
                          SiteRecord.assertExactlyOnce(site);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("a token the SMA renews in a response header is used from then on")
  void adoptsRenewedSmaToken(Vertx vertx, VertxTestContext ctx) {
    MutableClock smaClock = new MutableClock(Instant.now());
    SmaSimulator.Options options =
        SmaSimulator.Options.defaults()
            .withClock(smaClock)
            .withTokenLifetime(Duration.ofMinutes(30))
            .withRenewWithin(Duration.ofMinutes(5));
    SimulatedSite.start(vertx, EtdSimulator.Options.defaults().withoutRateLimit(), options)
        .compose(
            own -> {
              SimulatedSite saved = site;
              site = own;
              publishRecent(11, 15);
              AgentHarness harness = new AgentHarness(vertx, own, dir);
              return harness
                  .startOnce()
                  .compose(
                      agent ->
                          agent
                              .runCycle()
                              .compose(
                                  first -> {
                                    smaClock.advance(Duration.ofMinutes(26));
                                    publishRecent(12, 15);
                                    return agent.runCycle();
                                  })
                              .compose(
                                  second -> {
                                    smaClock.advance(Duration.ofMinutes(10));
                                    publishRecent(13, 15);
                                    return agent.runCycle();
                                  })
                              .compose(third -> agent.stop().map(third)))
                  .eventually(() -> own.close())
                  .onComplete(x -> site = saved)
                  .map(third -> own);
            })
        .onComplete(
            ctx.succeeding(
                own ->
                    ctx.verify(
                        () -> {
                          assertEquals(1, own.sma().loginCalls(), "no second login");
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("the agent keeps to ETD's rate limit: a real-rate simulator never answers 429")
  void keepsToEtdRateLimit(Vertx vertx, VertxTestContext ctx) {
    SimulatedSite.start(vertx, EtdSimulator.Options.defaults(), SmaSimulator.Options.defaults())
        .compose(
            own -> {
              Instant now = Instant.now();
              own.publish(
                  ConvictionStream.generate(
                      21, 120, now.minus(Duration.ofMinutes(30)), now.minus(Duration.ofMinutes(1))),
                  true);
              AgentHarness harness = new AgentHarness(vertx, own, dir);
              harness.config().getJsonObject("etd").put("requestsPerSecond", 2).put("pageSize", 5);
              return harness
                  .startOnce()
                  .compose(agent -> agent.runCycle().compose(s -> agent.stop().map(s)))
                  .eventually(own::close)
                  .map(summary -> own);
            })
        .onComplete(
            ctx.succeeding(
                own ->
                    ctx.verify(
                        () -> {
                          long refused =
                              own.etd().allRequests().stream()
                                      .filter(r -> r.endpoint() == Endpoint.ETD_SEARCH)
                                      .count()
                                  - own.etd().searchCalls();
                          assertTrue(own.etd().searchCalls() > 8, "many pages were read");
                          assertEquals(0, refused, "searches refused by the rate limit");
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("on its timer a cycle never starts before the one before it has finished")
  void cyclesNeverOverlap(Vertx vertx, VertxTestContext ctx) {
    publish(22, 60);
    site.sma().faults().always(Endpoint.SMA_REMEDIATION, Fault.latency(Duration.ofMillis(150)));
    AgentHarness harness = new AgentHarness(vertx, site, dir);
    harness.config().getJsonObject("schedule").put("interval", "500ms");
    harness.config().getJsonObject("sma").put("concurrency", 2);
    List<org.etdremediator.ledger.CycleSummary> seen =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    harness
        .startService()
        .onComplete(
            ctx.succeeding(
                agent ->
                    agent
                        .agent()
                        .onCycle(
                            summary -> {
                              seen.add(summary);
                              if (seen.size() == 3) {
                                agent
                                    .stop()
                                    .onComplete(
                                        ctx.succeeding(
                                            v ->
                                                ctx.verify(
                                                    () -> {
                                                      assertTrue(
                                                          Duration.between(
                                                                      seen.get(0).startedAt(),
                                                                      seen.get(0).finishedAt())
                                                                  .toMillis()
                                                              > 500,
                                                          "the first cycle outlasts the interval");
                                                      for (int i = 1; i < seen.size(); i++) {
                                                        assertTrue(
                                                            !seen.get(i)
                                                                .startedAt()
                                                                .isBefore(
                                                                    seen.get(i - 1).finishedAt()),
                                                            "cycle "
                                                                + i
                                                                + " started before the one before it finished");
                                                      }
                                                      SiteRecord.assertExactlyOnce(site);
                                                      ctx.completeNow();
                                                    })));
                              }
                            })));
  }

  @Test
  @DisplayName("a batch the SMA refuses as a whole is sent again message by message")
  void refusedBatchIsSplit(Vertx vertx, VertxTestContext ctx) {
    publish(31, 40);
    AgentHarness harness = new AgentHarness(vertx, site, dir);
    harness.config().getJsonObject("sma").put("messagesPerRequest", 10).put("concurrency", 1);
    site.sma().faults().next(Endpoint.SMA_REMEDIATION, Fault.status(400), 1);
    harness
        .startOnce()
        .compose(agent -> agent.runCycle().compose(s -> agent.stop().map(s)))
        .onComplete(
            ctx.succeeding(
                summary ->
                    ctx.verify(
                        () -> {
                          assertTrue(summary.ok(), "cycle ok: " + summary.error());
                          SiteRecord.assertExactlyOnce(site);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("a pending message that no longer qualifies after a config change is never sent")
  void pendingThatNoLongerQualifies(Vertx vertx, VertxTestContext ctx) {
    publish(32, 30);
    site.sma().faults().always(Endpoint.SMA_REMEDIATION, Fault.status(503));
    AgentHarness harness = new AgentHarness(vertx, site, dir);
    harness
        .startOnce()
        .compose(agent -> agent.runCycle().compose(s -> agent.stop()))
        .compose(
            v -> {
              site.sma().faults().clear();
              harness
                  .config()
                  .put(
                      "filters",
                      new JsonObject().put("directions", new JsonArray().add("outgoing")));
              return harness.startOnce();
            })
        .compose(agent -> agent.runCycle().compose(s -> agent.stop().map(agent)))
        .compose(agent -> org.etdremediator.ledger.StateStore.inspect(vertx, harness.stateDir()))
        .onComplete(
            ctx.succeeding(
                report ->
                    ctx.verify(
                        () -> {
                          assertEquals(0, report.pending().size(), "nothing left pending");
                          assertTrue(report.failed().size() > 0, "closed as failed");
                          assertTrue(
                              report.failed().stream()
                                  .allMatch(f -> f.reason().contains("no longer qualifies")),
                              "with the reason");
                          Map<String, String> ids = site.etdIdsByMessageId();
                          long sentIncoming =
                              site.sma().remediations().stream()
                                  .map(
                                      r ->
                                          site.published()
                                              .get(ids.get(r.message().getString("message_id"))))
                                  .filter(m -> !"outgoing".equals(m.getString("direction")))
                                  .count();
                          assertEquals(0, sentIncoming, "no incoming message sent afterwards");
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("a retry waiting when a reload excludes its mailbox is not sent")
  void reloadStopsWaitingRetry(Vertx vertx, VertxTestContext ctx) {
    Instant now = Instant.now();
    List<JsonObject> messages =
        ConvictionStream.generate(41, 30, now.minus(Duration.ofMinutes(20)), now.minusSeconds(5));
    messages.forEach(
        m -> {
          m.put("direction", "incoming")
              .put("mailboxes", new JsonArray().add("SOC <soc@example.com>"));
          m.put("action", new JsonObject());
          m.getJsonObject("verdict").put("latestVerdict", "phishing");
        });
    site.publish(messages, true);
    site.sma().faults().always(Endpoint.SMA_REMEDIATION, Fault.status(503, Duration.ofSeconds(2)));
    AgentHarness harness = new AgentHarness(vertx, site, dir);
    harness.config().getJsonObject("schedule").put("interval", "1h");
    harness.config().getJsonObject("sma").put("maxAttempts", 4).put("concurrency", 2);
    harness
        .startService()
        .onComplete(
            ctx.succeeding(
                agent -> {
                  agent
                      .watcher()
                      .onChange(
                          change -> {
                            // The retries of the first calls are waiting out Retry-After now.
                            site.sma().faults().clear();
                          });
                  agent
                      .agent()
                      .onCycle(
                          summary ->
                              agent
                                  .stop()
                                  .onComplete(
                                      ctx.succeeding(
                                          v ->
                                              ctx.verify(
                                                  () -> {
                                                    assertEquals(
                                                        0,
                                                        site.sma().remediations().size(),
                                                        "nothing sent to the excluded mailbox");
                                                    ctx.completeNow();
                                                  }))));
                  vertx.setTimer(
                      1,
                      id ->
                          waitForFirstAttempt(vertx)
                              .onSuccess(
                                  x -> {
                                    harness
                                        .config()
                                        .put(
                                            "filters",
                                            new JsonObject()
                                                .put(
                                                    "excludeMailboxes",
                                                    new JsonArray().add("soc@example.com")));
                                    harness.writeConfig();
                                  }));
                }));
  }

  /** Completes once the SMA simulator has seen a remediation call, answered or not. */
  private Future<Void> waitForFirstAttempt(Vertx vertx) {
    io.vertx.core.Promise<Void> seen = io.vertx.core.Promise.promise();
    vertx.setPeriodic(
        20,
        id -> {
          if (site.sma().allRequests().stream()
              .anyMatch(r -> r.endpoint() == Endpoint.SMA_REMEDIATION)) {
            vertx.cancelTimer(id);
            seen.tryComplete();
          }
        });
    return seen.future();
  }

  @Test
  @DisplayName("a message seen again in the overlap of the next window is remediated once")
  void overlapRemediatesOnce(Vertx vertx, VertxTestContext ctx) {
    publish(6, 40);
    AgentHarness harness = new AgentHarness(vertx, site, dir);
    harness.config().getJsonObject("schedule").put("overlap", "2h");
    harness
        .startOnce()
        .compose(agent -> SiteRecord.cycles(agent, 3).compose(v -> agent.stop()))
        .onComplete(
            ctx.succeeding(
                v ->
                    ctx.verify(
                        () -> {
                          SiteRecord.assertExactlyOnce(site);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName(
      "after a restart on the same state directory nothing already remediated is sent again")
  void restartSendsNothingTwice(Vertx vertx, VertxTestContext ctx) {
    publish(7, 40);
    AgentHarness harness = new AgentHarness(vertx, site, dir);
    harness.config().getJsonObject("schedule").put("overlap", "2h");
    harness
        .startOnce()
        .compose(agent -> agent.runCycle().compose(s -> agent.stop()))
        .compose(
            v -> {
              int before = site.sma().remediations().size();
              return harness
                  .startOnce()
                  .compose(agent -> SiteRecord.cycles(agent, 2).compose(s -> agent.stop()))
                  .map(x -> before);
            })
        .onComplete(
            ctx.succeeding(
                before ->
                    ctx.verify(
                        () -> {
                          assertEquals(
                              before,
                              site.sma().remediations().size(),
                              "no new remediation after the restart");
                          SiteRecord.assertExactlyOnce(site);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("no more than sma.concurrency SMA calls are ever in flight")
  void boundsConcurrency(Vertx vertx, VertxTestContext ctx) {
    publish(8, 200);
    AgentHarness harness = new AgentHarness(vertx, site, dir);
    harness.config().getJsonObject("sma").put("concurrency", 3);
    harness.config().getJsonObject("etd").put("pageSize", 100);
    site.sma().faults().always(Endpoint.SMA_REMEDIATION, Fault.latency(Duration.ofMillis(30)));
    harness
        .startOnce()
        .compose(agent -> agent.runCycle().compose(s -> agent.stop()))
        .onComplete(
            ctx.succeeding(
                v ->
                    ctx.verify(
                        () -> {
                          SiteRecord.assertExactlyOnce(site);
                          assertEquals(
                              3, site.sma().peakInFlight(), "peak of concurrent SMA calls");
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("the remediation request has the shape the SMA web UI sends")
  void requestShape(Vertx vertx, VertxTestContext ctx) throws Exception {
    JsonObject fixture =
        new JsonObject(Files.readString(fixtures().resolve("sma-remediation-request.json")));
    JsonObject message =
        new JsonObject(Files.readString(fixtures().resolve("etd-search-page1.json")))
            .getJsonObject("data")
            .getJsonArray("messages")
            .getJsonObject(0);
    Instant received = Instant.now().minus(Duration.ofMinutes(20));
    message.put("timestamp", received.toString());
    message.getJsonObject("verdict").put("timestamp", received.plusSeconds(4).toString());
    site.publish(List.of(message), true);
    AgentHarness harness = new AgentHarness(vertx, site, dir);
    harness
        .startOnce()
        .compose(agent -> agent.runCycle().compose(s -> agent.stop()))
        .onComplete(
            ctx.succeeding(
                v ->
                    ctx.verify(
                        () -> {
                          assertEquals(1, site.sma().remediations().size());
                          SmaSimulator.AcceptedRemediation sent = site.sma().remediations().get(0);
                          JsonObject expected = fixture.getJsonObject("data");
                          JsonObject batch = sent.batch();
                          assertEquals(
                              keys(expected.copy().put("message_details", 0)),
                              keys(batch.copy().put("message_details", 0)));
                          assertEquals(
                              expected.getString("batch_name"), batch.getString("batch_name"));
                          assertEquals("smaapi", batch.getString("initiated_username"));
                          assertEquals("fwdDelete", batch.getString("action"));
                          assertEquals(
                              new JsonArray().add("evidence@example.com"),
                              batch.getJsonArray("fwd_email_address"));
                          JsonObject want =
                              expected.getJsonArray("message_details").getJsonObject(0);
                          JsonObject got = sent.message();
                          assertEquals(keys(want), keys(got));
                          assertEquals(want.getString("message_id"), got.getString("message_id"));
                          assertEquals(
                              want.getJsonArray("from_email"), got.getJsonArray("from_email"));
                          assertEquals(
                              want.getJsonArray("recipient_email"),
                              got.getJsonArray("recipient_email"));
                          assertEquals(want.getString("subject"), got.getString("subject"));
                          assertEquals(SimulatedSite.ESA_SERIAL, got.getString("serial_number"));
                          assertEquals(received.getEpochSecond(), got.getLong("sent_at"));
                          assertEquals(1, got.getJsonArray("mid").size());
                          ctx.completeNow();
                        })));
  }

  private static Set<String> keys(JsonObject o) {
    return o.fieldNames().stream().collect(Collectors.toSet());
  }

  static Path fixtures() {
    return Path.of("src/test/resources/fixtures");
  }
}
