package org.etdremediator.sim;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.etdremediator.sim.SmaSimulator.AcceptedRemediation;

/** The request handling of the SMA simulator. */
final class SmaHandlers {

  static final String TOKEN_HEADER = "jwtToken";

  private final Vertx vertx;
  private final SmaSimulator.Options options;
  private final SmaSessions sessions;
  private final TrackingSearch tracking;
  private final RemediationCheck check;
  private final List<AcceptedRemediation> accepted = new ArrayList<>();

  SmaHandlers(
      Vertx vertx, SmaSimulator.Options options, SmaSessions sessions, TrackingSearch tracking) {
    this.vertx = vertx;
    this.options = options;
    this.sessions = sessions;
    this.tracking = tracking;
    this.check = new RemediationCheck(options.username());
  }

  void login(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    JsonObject data = body.getValue("data") instanceof JsonObject d ? d : null;
    if (data == null
        || !(data.getValue("userName") instanceof String user)
        || !(data.getValue("passphrase") instanceof String pass)) {
      SmaErrors.send(ctx, 400, SmaErrors.badRequest("data.userName and data.passphrase: missing"));
      return;
    }
    if (!options.username().equals(decode(user)) || !options.password().equals(decode(pass))) {
      SmaErrors.send(ctx, 401, SmaErrors.forStatus(401));
      return;
    }
    String token =
        sessions.issue(
            ctx.request().getHeader(HttpHeaders.USER_AGENT),
            ctx.request().getHeader(HttpHeaders.ACCEPT));
    JsonObject answer =
        new JsonObject()
            .put("userName", options.username())
            .put("is2FactorRedirectRequired", "false")
            .put("role", "Administrator")
            .put("email", new JsonArray())
            .put(TOKEN_HEADER, token);
    SmaErrors.send(ctx, 200, new JsonObject().put("data", answer));
  }

  /** Lets a call on with a valid token of the same client, or with Basic credentials. */
  void authenticate(RoutingContext ctx) {
    String userAgent = ctx.request().getHeader(HttpHeaders.USER_AGENT);
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    SmaSessions.Session session =
        sessions.find(ctx.request().getHeader(TOKEN_HEADER), userAgent, accept);
    if (session != null) {
      if (sessions.remaining(session).compareTo(options.renewWithin()) < 0) {
        ctx.response().putHeader(TOKEN_HEADER, sessions.issue(userAgent, accept));
      }
      ctx.next();
    } else if (options.allowBasicAuth() && basicMatches(ctx)) {
      ctx.next();
    } else {
      SmaErrors.send(ctx, 401, SmaErrors.forStatus(401));
    }
  }

  void remediation(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    JsonObject data;
    try {
      data = check.check(body);
    } catch (SmaRefusal refusal) {
      SmaErrors.send(ctx, 400, SmaErrors.badRequest(refusal.getMessage()));
      return;
    }
    // Recorded before the latency: the appliance acts even when the caller gives up waiting.
    record(data);
    JsonObject answer =
        new JsonObject()
            .put(
                "data",
                new JsonObject()
                    .put("batch_id", UUID.randomUUID().toString())
                    .put("message", "Remediation initiated"));
    long millis = options.remediationLatency().toMillis();
    if (millis <= 0) {
      SmaErrors.send(ctx, 200, answer);
    } else {
      vertx.setTimer(millis, id -> SmaErrors.send(ctx, 200, answer));
    }
  }

  void tracking(RoutingContext ctx) {
    try {
      SmaErrors.send(ctx, 200, tracking.search(ctx.queryParams()));
    } catch (SmaRefusal refusal) {
      SmaErrors.send(ctx, 400, SmaErrors.badRequest(refusal.getMessage()));
    } catch (TrackingSearch.BadDate bad) {
      SmaErrors.send(ctx, 400, SmaErrors.badDate());
    }
  }

  synchronized List<AcceptedRemediation> accepted() {
    return List.copyOf(accepted);
  }

  private synchronized void record(JsonObject data) {
    Instant now = options.clock().instant();
    JsonObject batch = data.copy();
    JsonArray details = (JsonArray) batch.remove("message_details");
    for (Object message : details) {
      accepted.add(new AcceptedRemediation(batch.copy(), ((JsonObject) message).copy(), now));
    }
  }

  /** The body as a JSON object, or null after answering the refusal. */
  private static JsonObject jsonBody(RoutingContext ctx) {
    if (!EtdHandlers.isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
      SmaErrors.send(ctx, 415, SmaErrors.forStatus(415));
      return null;
    }
    if (EtdHandlers.parseJson(ctx.body().buffer()) instanceof JsonObject object) {
      return object;
    }
    SmaErrors.send(ctx, 400, SmaErrors.badRequest("The request body is not a JSON object."));
    return null;
  }

  private boolean basicMatches(RoutingContext ctx) {
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null || !authorization.startsWith("Basic ")) {
      return false;
    }
    String expected = options.username() + ":" + options.password();
    return expected.equals(decode(authorization.substring("Basic ".length()).trim()));
  }

  /** Base64 decoded as UTF-8, or null when the text is not base64. */
  private static String decode(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
