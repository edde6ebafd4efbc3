package org.etdremediator.etd;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.etdremediator.config.EtdSettings;
import org.etdremediator.net.Backoff;
import org.etdremediator.net.CallFailure;
import org.etdremediator.net.CallListener;
import org.etdremediator.net.HttpClients;
import org.etdremediator.net.RateLimiter;
import org.etdremediator.net.Responses;
import org.etdremediator.net.Retrier;
import org.etdremediator.net.TokenCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to the ETD API: takes and renews the access token and pages through message searches,
 * holding every call, the token call included, to the client-side rate limit.
 */
public final class EtdClient {
  private static final Logger LOG = LoggerFactory.getLogger(EtdClient.class);
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(60);
  // ETD allows bursts of 4. Keeping one in reserve leaves the server's bucket a request ahead of
  // ours, so a request that arrives a little early after network jitter is not refused with 429.
  private static final int BURST = 3;

  private final EtdSettings settings;
  private final int maxAttempts;
  private final WebClient http;
  private final RateLimiter rate;
  private final TokenCache tokens;
  private final Retrier retrier;
  private final Runnable onRequest;
  private CallListener calls = CallListener.NONE;

  /**
   * @param onRequest called for every request sent, to count them against the daily quota
   */
  public EtdClient(
      Vertx vertx,
      EtdSettings settings,
      int maxAttempts,
      Clock clock,
      Backoff backoff,
      Runnable onRequest) {
    this.settings = settings;
    this.maxAttempts = maxAttempts;
    this.http = HttpClients.create(vertx, 4, settings.timeout(), null, false);
    this.rate = new RateLimiter(vertx, settings.requestsPerSecond(), BURST);
    this.tokens = new TokenCache(clock, DEFAULT_TOKEN_LIFETIME, this::requestToken);
    this.retrier = new Retrier(vertx, backoff, LOG);
    this.onRequest = onRequest;
  }

  /** What one search of a window read. */
  public record SearchStats(int pages, int messages) {}

  /**
   * Reads every page of the search over {@code window}, the last one included, handing each page's
   * messages to {@code onPage} as it arrives. Fails when a page cannot be read after the allowed
   * attempts; the pages already handed over stay handed over.
   */
  public Future<SearchStats> search(
      SearchWindow window, List<String> verdicts, Consumer<List<ConvictionParser.Parsed>> onPage) {
    return readFrom(window, verdicts, settings.pageSize(), null, new SearchStats(0, 0), onPage);
  }

  private Future<SearchStats> readFrom(
      SearchWindow window,
      List<String> verdicts,
      int pageSize,
      String pageToken,
      SearchStats sofar,
      Consumer<List<ConvictionParser.Parsed>> onPage) {
    return page(window, verdicts, pageSize, pageToken)
        .compose(
            page -> {
              onPage.accept(page.messages());
              SearchStats stats =
                  new SearchStats(sofar.pages() + 1, sofar.messages() + page.messages().size());
              if (page.nextPageToken() == null || page.messages().isEmpty()) {
                return Future.succeededFuture(stats);
              }
              if (retrier.halted()) {
                // Failing, not stopping short: a partly read window must not count as searched.
                return Future.failedFuture(Retrier.stopping("ETD search " + window));
              }
              return readFrom(window, verdicts, pageSize, page.nextPageToken(), stats, onPage);
            },
            err -> {
              if (err instanceof TooLarge && pageSize > 1) {
                // Page tokens belong to one page size, so the window is read again from its start
                // with smaller pages; messages seen twice are deduplicated by the caller.
                int smaller = Math.max(1, pageSize / 2);
                LOG.warn(
                    "ETD answered 502 (response too large) for {}; reading it again with pages"
                        + " of {}",
                    window,
                    smaller);
                return readFrom(window, verdicts, smaller, null, sofar, onPage);
              }
              return Future.failedFuture(err);
            });
  }

  private record Page(List<ConvictionParser.Parsed> messages, String nextPageToken) {}

  private static final class TooLarge extends CallFailure {
    TooLarge() {
      super("ETD search: response too large", 502, false, null);
    }
  }

  private Future<Page> page(
      SearchWindow window, List<String> verdicts, int pageSize, String pageToken) {
    JsonObject body =
        new JsonObject()
            .put(
                "timestamp",
                new JsonArray()
                    .add(ISO_MILLIS.format(window.from()))
                    .add(ISO_MILLIS.format(window.to())))
            .put("verdicts", new JsonArray(new ArrayList<>(verdicts)))
            .put("pageSize", pageSize);
    if (pageToken != null) {
      body.put("pageToken", pageToken);
    }
    return retrier
        .run(
            "ETD search " + window,
            maxAttempts,
            () -> {
              if (pageSize < settings.pageSize() && pageToken == null) {
                LOG.debug("searching {} with pages of {}", window, pageSize);
              }
              return tokens.get().compose(token -> postSearch(token, body));
            })
        .map(Retrier.Attempted::result)
        .recover(
            err ->
                err instanceof Retrier.AttemptsExhausted ex && ex.last() instanceof TooLarge
                    ? Future.failedFuture(new TooLarge())
                    : Future.failedFuture(err));
  }

  private Future<Page> postSearch(String token, JsonObject body) {
    return send(
            http.postAbs(settings.baseUrl() + "/v1/messages/search")
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("Content-Type", "application/json"),
            req -> req.sendBuffer(body.toBuffer()))
        .compose(response -> readPage(token, response));
  }

  private Future<Page> readPage(String token, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status == 200) {
      return parsePage(response);
    }
    String excerpt = Responses.excerpt(response);
    if (status == 401 || (status == 400 && excerpt.equalsIgnoreCase("Bad Request"))) {
      // ETD answers 400, not 401, for a malformed or foreign token.
      tokens.refused(token);
      return fail("ETD search refused the token (" + status + "): renewing it", status, true, null);
    }
    if (status == 502) {
      return Future.failedFuture(new TooLarge());
    }
    if (status == 403) {
      return fail(
          "ETD refused the API key (403 " + excerpt + "): check etd.apiKey", status, false, null);
    }
    return fail(
        "ETD search answered " + status + " " + excerpt,
        status,
        CallFailure.retryableStatus(status),
        Responses.retryAfter(response));
  }

  private Future<Page> parsePage(HttpResponse<Buffer> response) {
    JsonObject json = Responses.jsonObject(response);
    JsonObject data =
        json == null ? null : json.getValue("data") instanceof JsonObject d ? d : null;
    Object messages = data == null ? null : data.getValue("messages");
    if (data == null || (messages != null && !(messages instanceof JsonArray))) {
      // Never read an unreadable page as an empty one: that would move the checkpoint past it.
      return fail("ETD search answered 200 without a readable data.messages list", 200, true, null);
    }
    List<ConvictionParser.Parsed> parsed = new ArrayList<>();
    if (messages != null) {
      for (Object element : (JsonArray) messages) {
        parsed.add(ConvictionParser.parse(element));
      }
    }
    Object next = json.getValue("nextPageToken");
    String nextToken = next instanceof String s && !s.isEmpty() ? s : null;
    return Future.succeededFuture(new Page(parsed, nextToken));
  }

  private Future<TokenCache.Issued> requestToken() {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (settings.clientId() + ":" + settings.clientSecret().reveal())
                    .getBytes(StandardCharsets.UTF_8));
    return retrier
        .run(
            "ETD token",
            maxAttempts,
            () ->
                send(
                        http.postAbs(settings.baseUrl() + "/v1/oauth/token")
                            .putHeader("Authorization", "Basic " + basic),
                        req ->
                            req.sendForm(
                                MultiMap.caseInsensitiveMultiMap()
                                    .add("grant_type", "client_credentials")))
                    .compose(this::readToken))
        .map(Retrier.Attempted::result);
  }

  private Future<TokenCache.Issued> readToken(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status == 200) {
      JsonObject json = Responses.jsonObject(response);
      Object token = json == null ? null : json.getValue("accessToken");
      if (!(token instanceof String t) || t.isBlank()) {
        return fail("ETD token answer has no accessToken", status, true, null);
      }
      Object expiresIn = json.getValue("expiresIn");
      Duration lifetime =
          expiresIn instanceof Number n && n.longValue() > 0
              ? Duration.ofSeconds(n.longValue())
              : null;
      return Future.succeededFuture(new TokenCache.Issued(t, lifetime));
    }
    String excerpt = Responses.excerpt(response);
    if (status == 401 || status == 403) {
      return fail(
          "ETD refused the credentials ("
              + status
              + " "
              + excerpt
              + "): check etd.apiKey, etd.clientId and etd.clientSecret",
          status,
          false,
          null);
    }
    return fail(
        "ETD token call answered " + status + " " + excerpt,
        status,
        CallFailure.retryableStatus(status),
        Responses.retryAfter(response));
  }

  private Future<HttpResponse<Buffer>> send(
      io.vertx.ext.web.client.HttpRequest<Buffer> request,
      java.util.function.Function<
              io.vertx.ext.web.client.HttpRequest<Buffer>, Future<HttpResponse<Buffer>>>
          sender) {
    return rate.acquire()
        .compose(
            v -> {
              onRequest.run();
              request
                  .putHeader("x-api-key", settings.apiKey().reveal())
                  .putHeader("Accept", HttpClients.ACCEPT)
                  .timeout(settings.timeout().toMillis());
              return sender
                  .apply(request)
                  .onComplete(ar -> calls.answered(ar.succeeded() ? ar.result().statusCode() : 0))
                  .recover(err -> Future.failedFuture(CallFailure.transport("ETD call", err)));
            });
  }

  private static <T> Future<T> fail(
      String message, int status, boolean retryable, Duration retryAfter) {
    return Future.failedFuture(new CallFailure(message, status, retryable, retryAfter));
  }

  /** Tells {@code listener} of every call's answer, token calls included. */
  public EtdClient onCall(CallListener listener) {
    this.calls = listener;
    return this;
  }

  /** Sends no new request from now on; see {@link Retrier#halt()}. */
  public void halt() {
    retrier.halt();
  }

  /** Forgets the token, so the next call takes a new one. */
  public void dropToken() {
    tokens.clear();
  }

  public Future<Void> close() {
    http.close();
    return Future.succeededFuture();
  }
}
