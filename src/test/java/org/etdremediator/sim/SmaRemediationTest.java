package org.etdremediator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("SMA simulator: remediation requests")
class SmaRemediationTest {

  private SmaSimulator sim;
  private SmaCalls calls;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    SmaSimulator.start(vertx, SmaSimulator.Options.defaults())
        .onComplete(
            ctx.succeeding(
                s -> {
                  sim = s;
                  calls = new SmaCalls(WebClient.create(vertx), s);
                  ctx.completeNow();
                }));
  }

  /** Sends the fixture request changed by {@code change} and expects 400 naming {@code field}. */
  private void refused(VertxTestContext ctx, Consumer<JsonObject> change, String field) {
    JsonObject request = SmaCalls.remediation();
    change.accept(request);
    Expect.status(
        ctx,
        calls.remediate(request),
        400,
        response -> {
          JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
          assertEquals("400", error.getString("code"));
          assertTrue(
              error.getString("message").contains(field),
              () -> "message should name " + field + ": " + error.getString("message"));
          assertTrue(sim.remediations().isEmpty());
        });
  }

  @Test
  @DisplayName("accepts the request the SMA web UI sends and records each message")
  void accepts(VertxTestContext ctx) {
    JsonObject request = SmaCalls.remediation();
    JsonObject second =
        SmaCalls.firstMessage(request).copy().put("message_id", "<second@example.test>");
    SmaCalls.data(request).getJsonArray("message_details").add(second);
    Expect.status(
        ctx,
        calls.remediate(request),
        200,
        response -> {
          assertEquals(
              "Remediation initiated",
              response.bodyAsJsonObject().getJsonObject("data").getString("message"));
          assertEquals(2, sim.remediations().size());
          SmaSimulator.AcceptedRemediation first = sim.remediations().get(0);
          assertEquals("fwdDelete", first.batch().getString("action"));
          assertFalse(first.batch().containsKey("message_details"));
          assertEquals(SmaCalls.firstMessage(SmaCalls.remediation()), first.message());
          assertEquals(
              "<second@example.test>", sim.remediations().get(1).message().getString("message_id"));
        });
  }

  @Test
  @DisplayName("accepts delete with no forwarding address")
  void deleteWithoutForward(VertxTestContext ctx) {
    JsonObject request = SmaCalls.remediation();
    SmaCalls.data(request).put("action", "delete").put("fwd_email_address", new JsonArray());
    Expect.status(ctx, calls.remediate(request), 200);
  }

  @Test
  @DisplayName("refuses a request missing a field, naming it")
  void missingField(VertxTestContext ctx) {
    refused(ctx, r -> SmaCalls.data(r).remove("folder_name"), "folder_name");
  }

  @Test
  @DisplayName("refuses an unknown field, naming it")
  void unknownField(VertxTestContext ctx) {
    refused(ctx, r -> SmaCalls.data(r).put("batchName", "x"), "batchName");
  }

  @Test
  @DisplayName("refuses a message field missing inside message_details")
  void missingMessageField(VertxTestContext ctx) {
    refused(ctx, r -> SmaCalls.firstMessage(r).remove("serial_number"), "serial_number");
  }

  @Test
  @DisplayName("refuses a message_id without angle brackets")
  void messageIdBrackets(VertxTestContext ctx) {
    refused(
        ctx,
        r -> SmaCalls.firstMessage(r).put("message_id", "CAF00BAR1234@mail.test"),
        "message_id");
  }

  @Test
  @DisplayName("refuses an initiated_username other than the SMA user")
  void otherUser(VertxTestContext ctx) {
    refused(ctx, r -> SmaCalls.data(r).put("initiated_username", "admin"), "initiated_username");
  }

  @Test
  @DisplayName("refuses an unknown action")
  void unknownAction(VertxTestContext ctx) {
    refused(ctx, r -> SmaCalls.data(r).put("action", "quarantine"), "action");
  }

  @Test
  @DisplayName("refuses fwdDelete without a forwarding address")
  void forwardWithoutAddress(VertxTestContext ctx) {
    refused(
        ctx, r -> SmaCalls.data(r).put("fwd_email_address", new JsonArray()), "fwd_email_address");
  }

  @Test
  @DisplayName("refuses report_to_talos given as a boolean")
  void talosBoolean(VertxTestContext ctx) {
    refused(ctx, r -> SmaCalls.data(r).put("report_to_talos", false), "report_to_talos");
  }

  @Test
  @DisplayName("refuses an empty batch_name")
  void emptyBatchName(VertxTestContext ctx) {
    refused(ctx, r -> SmaCalls.data(r).put("batch_name", ""), "batch_name");
  }

  @Test
  @DisplayName("refuses an empty message_details")
  void noMessages(VertxTestContext ctx) {
    refused(ctx, r -> SmaCalls.data(r).put("message_details", new JsonArray()), "message_details");
  }

  @Test
  @DisplayName("refuses a mid given as a string")
  void midString(VertxTestContext ctx) {
    refused(ctx, r -> SmaCalls.firstMessage(r).put("mid", new JsonArray().add("315")), "mid");
  }

  @Test
  @DisplayName("refuses a recipient that is not a bare address")
  void recipients(VertxTestContext ctx) {
    refused(
        ctx,
        r ->
            SmaCalls.firstMessage(r).put("recipient_email", new JsonArray().add("Alice <alice@x>")),
        "recipient_email");
  }

  @Test
  @DisplayName("refuses sent_at given as an ISO string")
  void sentAt(VertxTestContext ctx) {
    refused(ctx, r -> SmaCalls.firstMessage(r).put("sent_at", "2026-03-04T09:15:30Z"), "sent_at");
  }

  @Test
  @DisplayName("refuses a body without the data wrapper")
  void noDataWrapper(VertxTestContext ctx) {
    refused(
        ctx,
        r -> {
          JsonObject data = SmaCalls.data(r);
          r.remove("data");
          r.mergeIn(data);
        },
        "batch_id");
  }

  @Test
  @DisplayName("refuses a body that is not JSON with 400")
  void notJson(VertxTestContext ctx) {
    Expect.status(
        ctx,
        calls
            .token()
            .compose(
                token ->
                    calls
                        .post("/remediation")
                        .putHeader("jwtToken", token)
                        .sendBuffer(Buffer.buffer("{"))),
        400);
  }

  @Test
  @DisplayName("answers an unknown path with the appliance's 404 body")
  void unknownPath(VertxTestContext ctx) {
    Expect.status(
        ctx,
        calls.get("/remediations").send(),
        404,
        response ->
            assertEquals(
                "Not Found.",
                response.bodyAsJsonObject().getJsonObject("error").getString("message")));
  }
}
