package org.etdremediator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("SMA simulator: message tracking")
class SmaTrackingTest {

  private static final String ID = "<20260304091530.AB12CD@mailer.examp1e-login.test>";

  private SmaCalls calls;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    SmaSimulator.start(vertx, SmaSimulator.Options.defaults())
        .onComplete(
            ctx.succeeding(
                sim -> {
                  sim.track(
                      new SmaSimulator.TrackedMessage(
                          ID,
                          315,
                          "4229AB0123456789CDEF-0A1B2C3D4E5F",
                          Instant.parse("2026-03-04T09:15:30Z"),
                          List.of("alice@example.com"),
                          "it-helpdesk@examp1e-login.test",
                          "Action required: your password expires today",
                          "esa1.example.com"));
                  sim.track(
                      new SmaSimulator.TrackedMessage(
                          "<other@example.test>",
                          316,
                          "4229AB0123456789CDEF-0A1B2C3D4E5F",
                          Instant.parse("2026-03-04T09:20:00Z"),
                          List.of("bob@example.com"),
                          "x@example.test",
                          "Other",
                          "esa1.example.com"));
                  calls = new SmaCalls(WebClient.create(vertx), sim);
                  ctx.completeNow();
                }));
  }

  private Future<HttpResponse<Buffer>> search(String start, String end, String messageId) {
    return calls
        .token()
        .compose(
            token -> {
              var request =
                  calls
                      .tracking(token)
                      .addQueryParam("startDate", start)
                      .addQueryParam("endDate", end)
                      .addQueryParam("searchOption", "messages")
                      .addQueryParam("ciscoHost", "All_Hosts")
                      .addQueryParam("offset", "0")
                      .addQueryParam("limit", "20");
              if (messageId != null) {
                request.addQueryParam("messageIdHeader", messageId);
              }
              return request.send();
            });
  }

  @Test
  @DisplayName("finds a message by Message-ID with mid, serial and the appliance's timestamp")
  void found(VertxTestContext ctx) {
    Expect.status(
        ctx,
        search("2026-03-04T09:05:00.000Z", "2026-03-04T10:00:00.000Z", ID),
        200,
        response -> {
          JsonObject body = response.bodyAsJsonObject();
          assertEquals(1, body.getJsonObject("meta").getInteger("totalCount"));
          JsonObject attributes =
              body.getJsonArray("data").getJsonObject(0).getJsonObject("attributes");
          assertEquals(new JsonArray().add(315), attributes.getJsonArray("mid"));
          assertEquals(ID, attributes.getJsonObject("messageID").getString("315"));
          assertEquals("4229AB0123456789CDEF-0A1B2C3D4E5F", attributes.getString("serialNumber"));
          assertEquals("04 Mar 2026 09:15:30 (GMT)", attributes.getString("timestamp"));
          assertEquals(
              new JsonArray().add("alice@example.com"), attributes.getJsonArray("recipient"));
          assertEquals("esa1.example.com", attributes.getString("hostName"));
        });
  }

  @Test
  @DisplayName("answers an empty result when the message lies outside the dates")
  void outsideRange(VertxTestContext ctx) {
    Expect.status(
        ctx,
        search("2026-03-04T09:16:00.000Z", "2026-03-04T10:00:00.000Z", ID),
        200,
        response ->
            assertEquals(
                new JsonObject()
                    .put("meta", new JsonObject().put("num_bad_records", 0).put("totalCount", 0))
                    .put("data", new JsonArray()),
                response.bodyAsJsonObject()));
  }

  @Test
  @DisplayName("without messageIdHeader returns every message in the range, oldest first")
  void allInRange(VertxTestContext ctx) {
    Expect.status(
        ctx,
        search("2026-03-04T09:00:00.000Z", "2026-03-04T10:00:00.000Z", null),
        200,
        response -> assertEquals(2, response.bodyAsJsonObject().getJsonArray("data").size()));
  }

  @Test
  @DisplayName("answers 400 with the bad-date body to a date with non-zero seconds")
  void nonZeroSeconds(VertxTestContext ctx) {
    Expect.status(
        ctx,
        search("2026-03-04T09:05:30.000Z", "2026-03-04T10:00:00.000Z", ID),
        400,
        response -> {
          JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
          assertEquals("404", error.getString("code"));
          assertEquals(
              "startDate and endDate attribute supports only 00 seconds and 000 microseconds.",
              error.getString("message"));
        });
  }

  @Test
  @DisplayName("answers 400 with the bad-date body to a date with non-zero milliseconds")
  void nonZeroMillis(VertxTestContext ctx) {
    Expect.status(ctx, search("2026-03-04T09:05:00.000Z", "2026-03-04T10:00:00.123Z", ID), 400);
  }

  @Test
  @DisplayName("answers 400 when startDate is after endDate")
  void startAfterEnd(VertxTestContext ctx) {
    Expect.status(ctx, search("2026-03-04T10:00:00.000Z", "2026-03-04T09:00:00.000Z", ID), 400);
  }

  @Test
  @DisplayName("answers 400 to a date without milliseconds")
  void wrongFormat(VertxTestContext ctx) {
    Expect.status(ctx, search("2026-03-04T09:00:00Z", "2026-03-04T10:00:00.000Z", ID), 400);
  }

  @Test
  @DisplayName("answers 400 when startDate is missing")
  void missingStart(VertxTestContext ctx) {
    Expect.status(
        ctx,
        calls
            .token()
            .compose(
                token ->
                    calls
                        .tracking(token)
                        .addQueryParam("endDate", "2026-03-04T10:00:00.000Z")
                        .addQueryParam("searchOption", "messages")
                        .send()),
        400);
  }
}
