package org.etdremediator.sma;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.etdremediator.config.SmaAuth;
import org.etdremediator.config.SmaSettings;
import org.etdremediator.net.Backoff;
import org.etdremediator.net.Bulkhead;
import org.etdremediator.net.CallFailure;
import org.etdremediator.net.CallListener;
import org.etdremediator.net.HttpClients;
import org.etdremediator.net.Responses;
import org.etdremediator.net.Retrier;
import org.etdremediator.net.TokenCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to the SMA API: logs in (or sends Basic credentials), looks messages up in message tracking
 * and sends remediation requests, with at most {@code sma.concurrency} calls in flight.
 */
public final class SmaClient {
  private static final Logger LOG = LoggerFactory.getLogger(SmaClient.class);
  private static final String API = "/sma/api/v2.0";
  private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(30);
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:00.000'Z'").withZone(ZoneOffset.UTC);

  private final SmaSettings settings;
  private final Clock clock;
  private final WebClient http;
  private final Bulkhead bulkhead;
  private final int poolSize;
  private final TokenCache tokens;
  private final Retrier retrier;
  private CallListener calls = CallListener.NONE;

  public SmaClient(Vertx vertx, SmaSettings settings, Clock clock, Backoff backoff) {
    this.settings = settings;
    this.clock = clock;
    // Logins travel beside the bounded calls, so the pool has room for them too; and room to
    // double the concurrency by a reload while a cycle runs.
    this.poolSize = settings.concurrency() * 2 + 2;
    this.http =
        HttpClients.create(
            vertx, poolSize, settings.timeout(), settings.caFile(), settings.insecureSkipVerify());
    this.bulkhead = new Bulkhead(settings.concurrency());
    this.tokens = new TokenCache(clock, DEFAULT_TOKEN_LIFETIME, this::login);
    this.retrier = new Retrier(vertx, backoff, LOG);
  }

  /** The SMA's answer to an accepted remediation call. */
  public record Accepted(int status, int attempts, String body) {}

  /**
   * Sends one remediation request, retrying timeouts, 429 and 5xx up to {@code sma.maxAttempts}. A
   * 2xx means the SMA accepted the batch; the ESA does the work later.
   */
  public Future<Accepted> remediate(RemediationBatch batch) {
    return remediate(batch, () -> true);
  }

  /**
   * As {@link #remediate(RemediationBatch)}, but each attempt, retries included, first asks {@code
   * stillWanted}; when it says no, the call ends without sending, as a failure not worth retrying.
   */
  public Future<Accepted> remediate(RemediationBatch batch, BooleanSupplier stillWanted) {
    JsonObject body =
        batch.toJson(settings.batchName(), settings.username(), settings.initiatedSource());
    return retrier
        .run(
            "SMA remediation",
            settings.maxAttempts(),
            () ->
                !stillWanted.getAsBoolean()
                    ? Future.failedFuture(
                        new CallFailure(
                            "not sent: the config changed while the call waited", 0, false, null))
                    : call(
                            http.postAbs(settings.baseUrl() + API + "/remediation")
                                .putHeader("Content-Type", "application/json"),
                            req -> req.sendBuffer(body.toBuffer()))
                        .compose(SmaClient::fromTheApi))
        .compose(
            attempted -> {
              HttpResponse<Buffer> response = attempted.result();
              Buffer raw = response.body();
              String text = raw == null ? "" : raw.toString(StandardCharsets.UTF_8);
              return Future.succeededFuture(
                  new Accepted(response.statusCode(), attempted.attempts(), text));
            });
  }

  /**
   * The appliance's API answers in JSON, or with no body at all. A 2xx with any other body comes
   * from something in front of it (a proxy's or a login page, a cut answer), so it is not taken as
   * an acceptance: the call is tried again.
   */
  private static Future<HttpResponse<Buffer>> fromTheApi(HttpResponse<Buffer> response) {
    Buffer raw = response.body();
    if (raw == null || raw.length() == 0 || Responses.jsonValue(raw)) {
      return Future.succeededFuture(response);
    }
    return Future.failedFuture(
        new CallFailure(
            "SMA remediation answered "
                + response.statusCode()
                + " with a body that is not JSON ("
                + Responses.excerpt(response)
                + "); not taken as accepted",
            response.statusCode(),
            true,
            null));
  }

  /**
   * Looks a message up in message tracking by its Message-ID, from ten minutes before it was
   * received until now, both widened to whole minutes as the SMA requires.
   */
  public Future<Optional<TrackingHit>> track(String messageId, Instant receivedAt) {
    Instant start = receivedAt.minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
    Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    return retrier
        .run(
            "SMA message tracking",
            settings.maxAttempts(),
            () ->
                call(
                        http.getAbs(settings.baseUrl() + API + "/message-tracking/messages")
                            .addQueryParam("startDate", MINUTES.format(start))
                            .addQueryParam("endDate", MINUTES.format(end))
                            .addQueryParam("searchOption", "messages")
                            .addQueryParam("ciscoHost", "All_Hosts")
                            .addQueryParam("offset", "0")
                            .addQueryParam("limit", "20")
                            .addQueryParam("messageIdHeader", messageId),
                        HttpRequest::send)
                    .compose(response -> readTracking(response, messageId)))
        .map(Retrier.Attempted::result);
  }

  /** An unreadable answer fails the attempt, so that it is tried again like a 5xx. */
  private static Future<Optional<TrackingHit>> readTracking(
      HttpResponse<Buffer> response, String messageId) {
    JsonObject json = Responses.jsonObject(response);
    if (json == null) {
      return Future.failedFuture(
          new CallFailure(
              "SMA message tracking answered "
                  + response.statusCode()
                  + " without a JSON object ("
                  + Responses.excerpt(response)
                  + ")",
              response.statusCode(),
              true,
              null));
    }
    return Future.succeededFuture(TrackingParser.parse(json, messageId));
  }

  /** One attempt of a bounded call: authenticated, its answer sorted into success or failure. */
  private Future<HttpResponse<Buffer>> call(
      HttpRequest<Buffer> request,
      Function<HttpRequest<Buffer>, Future<HttpResponse<Buffer>>> send) {
    return bulkhead.run(
        () ->
            retrier.halted()
                ? Future.failedFuture(Retrier.stopping("SMA call"))
                : credential()
                    .compose(
                        credential -> {
                          prepare(request, credential);
                          return send.apply(request)
                              .onComplete(this::heard)
                              .recover(
                                  err ->
                                      Future.failedFuture(CallFailure.transport("SMA call", err)))
                              .compose(response -> sorted(response, credential));
                        }));
  }

  private void heard(AsyncResult<HttpResponse<Buffer>> answer) {
    calls.answered(answer.succeeded() ? answer.result().statusCode() : 0);
  }

  private Future<String> credential() {
    return settings.auth() == SmaAuth.JWT ? tokens.get() : Future.succeededFuture(basic());
  }

  private void prepare(HttpRequest<Buffer> request, String credential) {
    request.putHeader("Accept", HttpClients.ACCEPT).timeout(settings.timeout().toMillis());
    if (settings.auth() == SmaAuth.JWT) {
      request.putHeader("jwtToken", credential);
    } else {
      request.putHeader("Authorization", credential);
    }
  }

  private Future<HttpResponse<Buffer>> sorted(HttpResponse<Buffer> response, String credential) {
    int status = response.statusCode();
    String renewed = response.getHeader("jwtToken");
    if (settings.auth() == SmaAuth.JWT && renewed != null && !renewed.isBlank()) {
      tokens.renewed(renewed.strip());
    }
    if (status >= 200 && status < 300) {
      return Future.succeededFuture(response);
    }
    String excerpt = Responses.excerpt(response);
    if (status == 401 && settings.auth() == SmaAuth.JWT) {
      tokens.refused(credential);
      return Future.failedFuture(
          new CallFailure(
              "SMA refused the session token (401): logging in again", 401, true, null));
    }
    if (status == 401) {
      return Future.failedFuture(
          new CallFailure(
              "SMA refused the credentials (401): check sma.username and sma.password",
              401,
              false,
              null));
    }
    return Future.failedFuture(
        new CallFailure(
            "SMA answered " + status + " " + excerpt,
            status,
            CallFailure.retryableStatus(status),
            Responses.retryAfter(response)));
  }

  private Future<TokenCache.Issued> login() {
    JsonObject body =
        new JsonObject()
            .put(
                "data",
                new JsonObject()
                    .put("userName", base64(settings.username()))
                    .put("passphrase", base64(settings.password().reveal())));
    return http.postAbs(settings.baseUrl() + API + "/login")
        .putHeader("Content-Type", "application/json;charset=UTF-8")
        .putHeader("Accept", HttpClients.ACCEPT)
        .timeout(settings.timeout().toMillis())
        .sendBuffer(body.toBuffer())
        .onComplete(this::heard)
        .recover(err -> Future.failedFuture(CallFailure.transport("SMA login", err)))
        .compose(this::readLogin);
  }

  private Future<TokenCache.Issued> readLogin(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    JsonObject json = Responses.jsonObject(response);
    if (status == 200 && json != null && json.getValue("data") instanceof JsonObject data) {
      if (data.getValue("jwtToken") instanceof String token && !token.isBlank()) {
        return Future.succeededFuture(new TokenCache.Issued(token, null));
      }
    }
    if (status == 401 || status == 403) {
      return Future.failedFuture(
          new CallFailure(
              "SMA refused the login (" + status + "): check sma.username and sma.password",
              status,
              false,
              null));
    }
    return Future.failedFuture(
        new CallFailure(
            "SMA login answered " + status + " without a jwtToken " + Responses.excerpt(response),
            status,
            status == 200 || CallFailure.retryableStatus(status),
            Responses.retryAfter(response)));
  }

  private String basic() {
    return "Basic " + base64(settings.username() + ":" + settings.password().reveal());
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Changes the bound on calls in flight, up to what the connection pool can carry. */
  public void setConcurrency(int limit) {
    bulkhead.setLimit(Math.min(limit, poolSize - 2));
  }

  public int inFlight() {
    return bulkhead.inFlight();
  }

  /** Tells {@code listener} of every call's answer, logins included. */
  public SmaClient onCall(CallListener listener) {
    this.calls = listener;
    return this;
  }

  /** Sends no new request from now on, queued ones included; see {@link Retrier#halt()}. */
  public void halt() {
    retrier.halt();
  }

  /** Forgets the session token, so the next call logs in again. */
  public void dropToken() {
    tokens.clear();
  }

  public Future<Void> close() {
    http.close();
    return Future.succeededFuture();
  }
}
