package org.etdremediator.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The request handling of the ETD simulator, one method a step a request goes through. */
final class EtdHandlers {

  private final EtdSimulator.Options options;
  private final EtdTokens tokens;
  private final EtdRateLimit limit;
  private final MessageStore store;
  private final SearchPages pages = new SearchPages();

  EtdHandlers(EtdSimulator.Options options, EtdTokens tokens, MessageStore store) {
    this.options = options;
    this.tokens = tokens;
    this.store = store;
    this.limit =
        new EtdRateLimit(
            options.clock(), options.requestsPerSecond(), options.burst(), options.dailyQuota());
  }

  /** Every call, the token call included, needs the API key; limits are kept per key. */
  void apiKeyAndLimits(RoutingContext ctx) {
    if (!options.apiKey().equals(ctx.request().getHeader("x-api-key"))) {
      EtdErrors.send(ctx, 403, EtdErrors.FORBIDDEN);
    } else if (!limit.admit()) {
      EtdErrors.send(ctx, 429, EtdErrors.LIMIT);
    } else {
      ctx.next();
    }
  }

  void token(RoutingContext ctx) {
    if (!clientCredentialsMatch(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
      EtdErrors.send(ctx, 401, EtdErrors.UNAUTHORIZED);
      return;
    }
    String body = ctx.body().buffer() == null ? "" : ctx.body().asString().trim();
    if (!body.isEmpty() && !body.equals("grant_type=client_credentials")) {
      EtdErrors.send(ctx, 400, EtdErrors.BAD_REQUEST);
      return;
    }
    JsonObject answer = new JsonObject().put("accessToken", tokens.issue());
    if (options.sendExpiresIn()) {
      answer.put("expiresIn", options.tokenLifetime().toSeconds());
    }
    EtdErrors.send(ctx, 200, answer.put("tokenType", "Bearer"));
  }

  void search(RoutingContext ctx) {
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    String token =
        authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring("Bearer ".length()).trim()
            : null;
    // ETD answers 400, not 401, for a missing or malformed token.
    switch (tokens.check(token)) {
      case MALFORMED -> EtdErrors.send(ctx, 400, EtdErrors.BAD_REQUEST);
      case EXPIRED -> EtdErrors.send(ctx, 401, EtdErrors.forStatus(401));
      case VALID -> searchWithValidToken(ctx);
    }
  }

  private void searchWithValidToken(RoutingContext ctx) {
    if (!isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
      EtdErrors.send(ctx, 415, "Unsupported Media Type");
      return;
    }
    try {
      SearchQuery query = SearchQuery.parse(jsonObject(ctx), options.clock().instant());
      EtdErrors.send(ctx, 200, page(query));
    } catch (SearchRefusal refusal) {
      EtdErrors.send(ctx, refusal.status(), refusal.getMessage());
    }
  }

  private JsonObject page(SearchQuery query) throws SearchRefusal {
    SearchPages.Cursor cursor;
    if (query.pageToken() == null) {
      cursor = new SearchPages.Cursor(query.key(), store.search(query.key()), 0);
    } else {
      cursor = pages.find(query.pageToken(), query.key());
      if (cursor == null) {
        throw new SearchRefusal(400, "Invalid pageToken");
      }
    }
    List<JsonObject> snapshot = cursor.snapshot();
    int end = Math.min(snapshot.size(), cursor.offset() + query.pageSize());
    int max = options.maxResponseMessages();
    if (max > 0 && end - cursor.offset() > max) {
      throw new SearchRefusal(502, EtdErrors.TOO_LARGE);
    }
    JsonArray messages = new JsonArray();
    snapshot.subList(cursor.offset(), end).forEach(m -> messages.add(m.copy()));
    JsonObject answer =
        new JsonObject()
            .put("data", new JsonObject().put("messages", messages))
            .put("totalSize", snapshot.size());
    if (end < snapshot.size()) {
      answer.put(
          "nextPageToken", pages.issue(new SearchPages.Cursor(cursor.query(), snapshot, end)));
    }
    return answer;
  }

  private boolean clientCredentialsMatch(String authorization) {
    if (authorization == null || !authorization.startsWith("Basic ")) {
      return false;
    }
    String expected = options.clientId() + ":" + options.clientSecret();
    try {
      byte[] decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
      return expected.equals(new String(decoded, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static JsonObject jsonObject(RoutingContext ctx) throws SearchRefusal {
    if (parseJson(ctx.body().buffer()) instanceof JsonObject object) {
      return object;
    }
    throw new SearchRefusal(400, EtdErrors.BAD_BODY);
  }

  /** The JSON value of a body, or null when it is empty or not JSON. */
  static Object parseJson(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      return body.toJsonValue();
    } catch (DecodeException e) {
      return null;
    }
  }

  /** Whether a Content-Type names JSON; a charset parameter is allowed. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().equalsIgnoreCase("application/json");
  }
}
