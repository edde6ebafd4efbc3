package org.etdremediator.sim;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP server on 127.0.0.1 that behaves like the ETD API the agent uses: the token call and the
 * message search, with ETD's checks, limits and error bodies, and faults on demand.
 */
public final class EtdSimulator {

  /**
   * How the simulator behaves.
   *
   * @param apiKey the {@code x-api-key} every call must carry
   * @param clientId the client id of the token call's Basic credentials
   * @param clientSecret the client secret of the token call's Basic credentials
   * @param tokenLifetime how long an access token is valid
   * @param sendExpiresIn whether the token response carries {@code expiresIn}
   * @param requestsPerSecond the rate limit per API key; zero or less turns it off
   * @param burst how many calls may come at once before the rate limit applies
   * @param dailyQuota calls per UTC day; zero or less turns it off
   * @param maxResponseMessages a page carrying more messages is refused with 502; 0 is no limit
   * @param clock the clock for token expiry, date-range checks and limits
   */
  public record Options(
      String apiKey,
      String clientId,
      String clientSecret,
      Duration tokenLifetime,
      boolean sendExpiresIn,
      double requestsPerSecond,
      int burst,
      int dailyQuota,
      int maxResponseMessages,
      Clock clock) {

    public Options {
      Objects.requireNonNull(apiKey, "apiKey");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
      Objects.requireNonNull(tokenLifetime, "tokenLifetime");
      Objects.requireNonNull(clock, "clock");
    }

    /** ETD's documented behaviour: 60-minute tokens, 2 calls a second in bursts of 4. */
    public static Options defaults() {
      return new Options(
          "sim-api-key",
          "sim-client",
          "sim-secret",
          Duration.ofMinutes(60),
          true,
          2.0,
          4,
          10_000,
          0,
          Clock.systemUTC());
    }

    public Options withApiKey(String value) {
      return new Options(
          value,
          clientId,
          clientSecret,
          tokenLifetime,
          sendExpiresIn,
          requestsPerSecond,
          burst,
          dailyQuota,
          maxResponseMessages,
          clock);
    }

    public Options withClient(String id, String secret) {
      return new Options(
          apiKey,
          id,
          secret,
          tokenLifetime,
          sendExpiresIn,
          requestsPerSecond,
          burst,
          dailyQuota,
          maxResponseMessages,
          clock);
    }

    public Options withTokenLifetime(Duration value) {
      return new Options(
          apiKey,
          clientId,
          clientSecret,
          value,
          sendExpiresIn,
          requestsPerSecond,
          burst,
          dailyQuota,
          maxResponseMessages,
          clock);
    }

    public Options withSendExpiresIn(boolean value) {
      return new Options(
          apiKey,
          clientId,
          clientSecret,
          tokenLifetime,
          value,
          requestsPerSecond,
          burst,
          dailyQuota,
          maxResponseMessages,
          clock);
    }

    /** The rate limit and its burst; {@code perSecond <= 0} turns it off. */
    public Options withRateLimit(double perSecond, int burstSize) {
      return new Options(
          apiKey,
          clientId,
          clientSecret,
          tokenLifetime,
          sendExpiresIn,
          perSecond,
          burstSize,
          dailyQuota,
          maxResponseMessages,
          clock);
    }

    /** Turns the rate limit off, which keeps tests fast. */
    public Options withoutRateLimit() {
      return withRateLimit(0, burst);
    }

    public Options withDailyQuota(int value) {
      return new Options(
          apiKey,
          clientId,
          clientSecret,
          tokenLifetime,
          sendExpiresIn,
          requestsPerSecond,
          burst,
          value,
          maxResponseMessages,
          clock);
    }

    public Options withMaxResponseMessages(int value) {
      return new Options(
          apiKey,
          clientId,
          clientSecret,
          tokenLifetime,
          sendExpiresIn,
          requestsPerSecond,
          burst,
          dailyQuota,
          value,
          clock);
    }

    public Options withClock(Clock value) {
      return new Options(
          apiKey,
          clientId,
          clientSecret,
          tokenLifetime,
          sendExpiresIn,
          requestsPerSecond,
          burst,
          dailyQuota,
          maxResponseMessages,
          value);
    }
  }

  private final HttpServer server;
  private final EtdTokens tokens;
  private final MessageStore store;
  private final Faults faults;
  private final RequestLog log;

  private EtdSimulator(
      HttpServer server, EtdTokens tokens, MessageStore store, Faults faults, RequestLog log) {
    this.server = server;
    this.tokens = tokens;
    this.store = store;
    this.faults = faults;
    this.log = log;
  }

  /** Starts a simulator on 127.0.0.1 on a free port. */
  public static Future<EtdSimulator> start(Vertx vertx, Options options) {
    EtdTokens tokens = new EtdTokens(options.clock(), options.tokenLifetime(), options.clientId());
    MessageStore store = new MessageStore();
    Faults faults = new Faults();
    RequestLog log = new RequestLog(options.clock());
    EtdHandlers handlers = new EtdHandlers(options, tokens, store);

    Router router = Router.router(vertx);
    Handler<RoutingContext> body = BodyHandler.create(false).setBodyLimit(1 << 20);
    router
        .post("/v1/oauth/token")
        .handler(body)
        .handler(log.recorder(Endpoint.ETD_TOKEN))
        .handler(new FaultInjector(vertx, faults, Endpoint.ETD_TOKEN, EtdErrors::forStatus))
        .handler(handlers::apiKeyAndLimits)
        .handler(handlers::token);
    router
        .post("/v1/messages/search")
        .handler(body)
        .handler(log.recorder(Endpoint.ETD_SEARCH))
        .handler(new FaultInjector(vertx, faults, Endpoint.ETD_SEARCH, EtdErrors::forStatus))
        .handler(handlers::apiKeyAndLimits)
        .handler(handlers::search);
    router
        .route()
        .handler(body)
        .handler(log.recorder(Endpoint.ANY))
        .handler(handlers::apiKeyAndLimits)
        .handler(ctx -> EtdErrors.send(ctx, 404, "Not Found"));

    return vertx
        .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(router)
        .listen()
        .map(server -> new EtdSimulator(server, tokens, store, faults, log));
  }

  /** {@code http://127.0.0.1:PORT}, the base URL to configure as {@code etd.baseUrl}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Makes a message in ETD's JSON shape findable; the simulator keeps its own copy. */
  public void addMessage(JsonObject etdMessage) {
    store.add(etdMessage);
  }

  public void addMessages(Collection<JsonObject> messages) {
    messages.forEach(store::add);
  }

  /** Every token issued so far is answered with 401 "Token expired" from now on. */
  public void expireTokens() {
    tokens.expireAll();
  }

  public Faults faults() {
    return faults;
  }

  /** The requests answered with a 2xx status, in order of arrival. */
  public List<RecordedRequest> requests() {
    return log.accepted();
  }

  /** Every request received, refused and faulted ones included, in order of arrival. */
  public List<RecordedRequest> allRequests() {
    return log.all();
  }

  /** How many searches were answered with a 2xx status. */
  public int searchCalls() {
    return log.acceptedCount(Endpoint.ETD_SEARCH);
  }

  /** How many tokens were issued. */
  public int tokenCalls() {
    return log.acceptedCount(Endpoint.ETD_TOKEN);
  }

  public Future<Void> close() {
    return server.close();
  }
}
