package org.etdremediator.sim;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Well-formed calls to an SMA simulator with its default credentials, for tests to vary. */
final class SmaCalls {

  static final String USER_AGENT = "etd-remediator-test/1.0";
  static final String ACCEPT = "application/json";

  private final WebClient client;
  private final String base;

  SmaCalls(WebClient client, SmaSimulator sim) {
    this.client = client;
    this.base = sim.baseUrl() + "/sma/api/v2.0";
  }

  HttpRequest<Buffer> post(String path) {
    return client
        .postAbs(base + path)
        .putHeader("User-Agent", USER_AGENT)
        .putHeader("Accept", ACCEPT)
        .putHeader("Content-Type", "application/json;charset=UTF-8");
  }

  HttpRequest<Buffer> get(String path) {
    return client
        .getAbs(base + path)
        .putHeader("User-Agent", USER_AGENT)
        .putHeader("Accept", ACCEPT);
  }

  Future<HttpResponse<Buffer>> login(String user, String password) {
    return post("/login").sendJsonObject(loginBody(user, password));
  }

  Future<String> token() {
    return login("smaapi", "s3cr3t-pass")
        .map(
            response -> {
              if (response.statusCode() != 200) {
                throw new IllegalStateException("login answered " + response.statusCode());
              }
              return response.bodyAsJsonObject().getJsonObject("data").getString("jwtToken");
            });
  }

  Future<HttpResponse<Buffer>> remediate(JsonObject body) {
    return token()
        .compose(token -> post("/remediation").putHeader("jwtToken", token).sendJsonObject(body));
  }

  HttpRequest<Buffer> tracking(String token) {
    return get("/message-tracking/messages").putHeader("jwtToken", token);
  }

  static JsonObject loginBody(String user, String password) {
    return new JsonObject()
        .put(
            "data",
            new JsonObject().put("userName", base64(user)).put("passphrase", base64(password)));
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The request of the remediation fixture: one message, forward and delete. */
  static JsonObject remediation() {
    JsonObject message =
        new JsonObject()
            .put("mid", new JsonArray().add(315))
            .put("message_id", "<20260304091530.AB12CD@mailer.examp1e-login.test>")
            .put("from_email", new JsonArray().add("it-helpdesk@examp1e-login.test"))
            .put("recipient_email", new JsonArray().add("alice@example.com"))
            .put("subject", "Action required: your password expires today")
            .put("serial_number", "4229AB0123456789CDEF-0A1B2C3D4E5F")
            .put("sent_at", 1772615730);
    JsonObject data =
        new JsonObject()
            .put("batch_id", "")
            .put("batch_name", "etd-remediator")
            .put("batch_description", "")
            .put("initiated_username", "smaapi")
            .put("initiated_source", "remediator01.example.com")
            .put("action", "fwdDelete")
            .put("fwd_email_address", new JsonArray().add("evidence@example.com"))
            .put("folder_name", "TEST FOLDER")
            .put("report_to_talos", 0)
            .put("message_details", new JsonArray().add(message));
    return new JsonObject().put("data", data);
  }

  static JsonObject data(JsonObject request) {
    return request.getJsonObject("data");
  }

  static JsonObject firstMessage(JsonObject request) {
    return data(request).getJsonArray("message_details").getJsonObject(0);
  }
}
