package org.etdremediator.sim;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Well-formed calls to an ETD simulator with its default credentials, for tests to vary. */
final class EtdCalls {

  private final WebClient client;
  private final EtdSimulator sim;

  EtdCalls(WebClient client, EtdSimulator sim) {
    this.client = client;
    this.sim = sim;
  }

  HttpRequest<Buffer> post(String path) {
    return client.postAbs(sim.baseUrl() + path).putHeader("x-api-key", "sim-api-key");
  }

  HttpRequest<Buffer> tokenRequest() {
    return post("/v1/oauth/token").putHeader("Authorization", basic("sim-client", "sim-secret"));
  }

  Future<String> accessToken() {
    return tokenRequest()
        .send()
        .map(
            response -> {
              if (response.statusCode() != 200) {
                throw new IllegalStateException("token call answered " + response.statusCode());
              }
              return response.bodyAsJsonObject().getString("accessToken");
            });
  }

  HttpRequest<Buffer> searchRequest(String token) {
    return post("/v1/messages/search")
        .putHeader("Authorization", "Bearer " + token)
        .putHeader("Content-Type", "application/json");
  }

  Future<HttpResponse<Buffer>> search(JsonObject body) {
    return accessToken().compose(token -> searchRequest(token).sendJsonObject(body));
  }

  static JsonObject query(Instant start, Instant end) {
    return new JsonObject()
        .put("timestamp", new JsonArray().add(start.toString()).add(end.toString()))
        .put("pageSize", 100);
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static JsonObject message(String id, Instant received, String verdict) {
    return new JsonObject()
        .put("id", id)
        .put("timestamp", received.toString())
        .put("internetMessageId", "<" + id + "@mail.example.test>")
        .put("mailboxes", new JsonArray().add("alice@example.com"))
        .put("verdict", new JsonObject().put("category", verdict).put("latestVerdict", verdict));
  }
}
