package org.etdremediator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("ETD simulator: search results and paging")
class EtdPagingTest {

  private static final Instant NOW = Instant.parse("2026-03-04T12:00:00Z");
  private static final Instant START = NOW.minus(Duration.ofHours(2));

  private final MutableClock clock = new MutableClock(NOW);
  private EtdSimulator sim;
  private EtdCalls calls;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    EtdSimulator.start(vertx, EtdSimulator.Options.defaults().withoutRateLimit().withClock(clock))
        .onComplete(
            ctx.succeeding(
                s -> {
                  sim = s;
                  calls = new EtdCalls(WebClient.create(vertx), s);
                  ctx.completeNow();
                }));
  }

  /** Every page of a query, the first one included, in order. */
  private Future<List<JsonObject>> allPages(String token, JsonObject query) {
    List<JsonObject> pages = new ArrayList<>();
    return nextPage(token, query, pages).map(v -> pages);
  }

  private Future<Void> nextPage(String token, JsonObject query, List<JsonObject> pages) {
    return calls
        .searchRequest(token)
        .sendJsonObject(query)
        .compose(
            response -> {
              if (response.statusCode() != 200) {
                return Future.failedFuture("search answered " + response.bodyAsString());
              }
              JsonObject page = response.bodyAsJsonObject();
              pages.add(page);
              String next = page.getString("nextPageToken");
              return next == null
                  ? Future.succeededFuture()
                  : nextPage(token, query.copy().put("pageToken", next), pages);
            });
  }

  @Test
  @DisplayName("pages return every message exactly once; only the last has no nextPageToken")
  void pagesEveryMessageOnce(VertxTestContext ctx) {
    for (int i = 0; i < 250; i++) {
      sim.addMessage(EtdCalls.message("id-" + i, START.plusSeconds(10 + i), "phishing"));
    }
    JsonObject query = EtdCalls.query(START, NOW);
    calls
        .accessToken()
        .compose(token -> allPages(token, query))
        .onComplete(
            ctx.succeeding(
                pages ->
                    ctx.verify(
                        () -> {
                          assertEquals(3, pages.size());
                          Set<String> ids = new HashSet<>();
                          int count = 0;
                          for (int p = 0; p < pages.size(); p++) {
                            JsonObject page = pages.get(p);
                            assertEquals(p < 2, page.containsKey("nextPageToken"));
                            assertEquals(250, page.getInteger("totalSize"));
                            JsonArray messages =
                                page.getJsonObject("data").getJsonArray("messages");
                            count += messages.size();
                            messages.forEach(m -> ids.add(((JsonObject) m).getString("id")));
                          }
                          assertEquals(50, messages(pages.get(2)).size());
                          assertEquals(250, count);
                          assertEquals(250, ids.size());
                          assertEquals(3, sim.searchCalls());
                          ctx.completeNow();
                        })));
  }

  private static JsonArray messages(JsonObject page) {
    return page.getJsonObject("data").getJsonArray("messages");
  }

  @Test
  @DisplayName("sorts by received time, includes both ends of the range and nothing outside")
  void rangeIsInclusive(VertxTestContext ctx) {
    Instant end = NOW.minus(Duration.ofHours(1));
    sim.addMessage(EtdCalls.message("late", end, "bec"));
    sim.addMessage(EtdCalls.message("early", START, "bec"));
    sim.addMessage(EtdCalls.message("before", START.minusNanos(1), "bec"));
    sim.addMessage(EtdCalls.message("after", end.plusMillis(1), "bec"));
    Expect.status(
        ctx,
        calls.search(EtdCalls.query(START, end)),
        200,
        response -> {
          JsonArray messages = messages(response.bodyAsJsonObject());
          assertEquals(2, messages.size());
          assertEquals("early", messages.getJsonObject(0).getString("id"));
          assertEquals("late", messages.getJsonObject(1).getString("id"));
        });
  }

  @Test
  @DisplayName("filters on latestVerdict, falling back to category")
  void filtersOnVerdict(VertxTestContext ctx) {
    sim.addMessage(EtdCalls.message("bec", START.plusSeconds(1), "bec"));
    sim.addMessage(EtdCalls.message("spam", START.plusSeconds(2), "spam"));
    JsonObject retro = EtdCalls.message("retro", START.plusSeconds(3), "neutral");
    retro.getJsonObject("verdict").put("latestVerdict", "phishing");
    sim.addMessage(retro);
    JsonObject categoryOnly = EtdCalls.message("cat", START.plusSeconds(4), "scam");
    categoryOnly.getJsonObject("verdict").remove("latestVerdict");
    sim.addMessage(categoryOnly);
    JsonObject query =
        EtdCalls.query(START, NOW)
            .put("verdicts", new JsonArray().add("bec").add("scam").add("phishing"));
    Expect.status(
        ctx,
        calls.search(query),
        200,
        response -> {
          List<String> ids = new ArrayList<>();
          messages(response.bodyAsJsonObject())
              .forEach(m -> ids.add(((JsonObject) m).getString("id")));
          assertEquals(List.of("bec", "retro", "cat"), ids);
        });
  }

  @Test
  @DisplayName("messages added while a client pages do not shift or repeat the pages")
  void additionsDoNotBreakPaging(VertxTestContext ctx) {
    for (int i = 0; i < 5; i++) {
      sim.addMessage(EtdCalls.message("id-" + i, START.plusSeconds(100 + i), "bec"));
    }
    JsonObject query = EtdCalls.query(START, NOW).put("pageSize", 2);
    calls
        .accessToken()
        .compose(
            token ->
                calls
                    .searchRequest(token)
                    .sendJsonObject(query)
                    .compose(
                        first -> {
                          // Lands before every message already paged.
                          sim.addMessage(EtdCalls.message("new", START.plusSeconds(1), "bec"));
                          String next = first.bodyAsJsonObject().getString("nextPageToken");
                          return allPages(token, query.copy().put("pageToken", next))
                              .map(
                                  rest -> {
                                    List<JsonObject> all = new ArrayList<>();
                                    all.add(first.bodyAsJsonObject());
                                    all.addAll(rest);
                                    return all;
                                  });
                        }))
        .onComplete(
            ctx.succeeding(
                pages ->
                    ctx.verify(
                        () -> {
                          List<String> ids = new ArrayList<>();
                          pages.forEach(
                              p ->
                                  messages(p)
                                      .forEach(m -> ids.add(((JsonObject) m).getString("id"))));
                          assertEquals(List.of("id-0", "id-1", "id-2", "id-3", "id-4"), ids);
                          assertFalse(pages.get(pages.size() - 1).containsKey("nextPageToken"));
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("answers 400 to a page token used with a different query")
  void pageTokenOfOtherQuery(VertxTestContext ctx) {
    for (int i = 0; i < 3; i++) {
      sim.addMessage(EtdCalls.message("id-" + i, START.plusSeconds(100 + i), "bec"));
    }
    JsonObject query = EtdCalls.query(START, NOW).put("pageSize", 1);
    Expect.status(
        ctx,
        calls
            .accessToken()
            .compose(
                token ->
                    calls
                        .searchRequest(token)
                        .sendJsonObject(query)
                        .compose(
                            first -> {
                              String next = first.bodyAsJsonObject().getString("nextPageToken");
                              JsonObject other =
                                  EtdCalls.query(START.plusSeconds(1), NOW)
                                      .put("pageSize", 1)
                                      .put("pageToken", next);
                              return calls.searchRequest(token).sendJsonObject(other);
                            })),
        400);
  }

  @Test
  @DisplayName("the same page token can be asked for again after a lost answer")
  void pageTokenReusable(VertxTestContext ctx) {
    for (int i = 0; i < 3; i++) {
      sim.addMessage(EtdCalls.message("id-" + i, START.plusSeconds(100 + i), "bec"));
    }
    JsonObject query = EtdCalls.query(START, NOW).put("pageSize", 2);
    calls
        .accessToken()
        .compose(
            token ->
                calls
                    .searchRequest(token)
                    .sendJsonObject(query)
                    .compose(
                        first -> {
                          JsonObject second =
                              query
                                  .copy()
                                  .put(
                                      "pageToken",
                                      first.bodyAsJsonObject().getString("nextPageToken"));
                          return Future.all(
                              calls.searchRequest(token).sendJsonObject(second),
                              calls.searchRequest(token).sendJsonObject(second));
                        }))
        .onComplete(
            ctx.succeeding(
                both ->
                    ctx.verify(
                        () -> {
                          JsonObject a =
                              both.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(0)
                                  .bodyAsJsonObject();
                          JsonObject b =
                              both.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(1)
                                  .bodyAsJsonObject();
                          assertEquals(a, b);
                          assertTrue(messages(a).getJsonObject(0).getString("id").equals("id-2"));
                          ctx.completeNow();
                        })));
  }
}
