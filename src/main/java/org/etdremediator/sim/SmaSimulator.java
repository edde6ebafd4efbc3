package org.etdremediator.sim;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP(S) server on 127.0.0.1 that behaves like the SMA API the agent uses: login, remediation
 * and message tracking under {@code /sma/api/v2.0}, with the appliance's checks and error bodies,
 * and faults on demand.
 */
public final class SmaSimulator {

  static final String BASE = "/sma/api/v2.0";

  /**
   * How the simulator behaves.
   *
   * @param username the SMA user
   * @param password the SMA user's password
   * @param tokenLifetime how long a login token is valid
   * @param renewWithin a call with a token that has less left gets a renewed one in a {@code
   *     jwtToken} response header
   * @param allowBasicAuth whether {@code Authorization: Basic} works instead of a token
   * @param tls the certificate and key to serve HTTPS with, null for plain HTTP
   * @param remediationLatency how long a remediation call takes to answer
   * @param clock the clock for token expiry and acceptance times
   */
  public record Options(
      String username,
      String password,
      Duration tokenLifetime,
      Duration renewWithin,
      boolean allowBasicAuth,
      PemKeyCertOptions tls,
      Duration remediationLatency,
      Clock clock) {

    public Options {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(tokenLifetime, "tokenLifetime");
      Objects.requireNonNull(renewWithin, "renewWithin");
      Objects.requireNonNull(remediationLatency, "remediationLatency");
      Objects.requireNonNull(clock, "clock");
    }

    public static Options defaults() {
      return new Options(
          "smaapi",
          "s3cr3t-pass",
          Duration.ofMinutes(30),
          Duration.ofMinutes(5),
          true,
          null,
          Duration.ZERO,
          Clock.systemUTC());
    }

    public Options withCredentials(String user, String pass) {
      return new Options(
          user, pass, tokenLifetime, renewWithin, allowBasicAuth, tls, remediationLatency, clock);
    }

    public Options withTokenLifetime(Duration value) {
      return new Options(
          username, password, value, renewWithin, allowBasicAuth, tls, remediationLatency, clock);
    }

    public Options withRenewWithin(Duration value) {
      return new Options(
          username, password, tokenLifetime, value, allowBasicAuth, tls, remediationLatency, clock);
    }

    public Options withAllowBasicAuth(boolean value) {
      return new Options(
          username, password, tokenLifetime, renewWithin, value, tls, remediationLatency, clock);
    }

    public Options withTls(PemKeyCertOptions value) {
      return new Options(
          username,
          password,
          tokenLifetime,
          renewWithin,
          allowBasicAuth,
          value,
          remediationLatency,
          clock);
    }

    public Options withRemediationLatency(Duration value) {
      return new Options(
          username, password, tokenLifetime, renewWithin, allowBasicAuth, tls, value, clock);
    }

    public Options withClock(Clock value) {
      return new Options(
          username,
          password,
          tokenLifetime,
          renewWithin,
          allowBasicAuth,
          tls,
          remediationLatency,
          value);
    }
  }

  /**
   * A message as SMA message tracking shows it.
   *
   * @param messageId the Message-ID header with its angle brackets
   * @param mid the ESA's message id
   * @param serialNumber the serial of the ESA that handled it
   * @param timestamp when the ESA handled it
   * @param recipients its recipients
   * @param sender the envelope sender
   * @param subject its subject
   * @param hostName the host name of the ESA
   */
  public record TrackedMessage(
      String messageId,
      long mid,
      String serialNumber,
      Instant timestamp,
      List<String> recipients,
      String sender,
      String subject,
      String hostName) {

    public TrackedMessage {
      recipients = List.copyOf(recipients);
    }
  }

  /**
   * One message of an accepted remediation call.
   *
   * @param batch the request's {@code data} object without {@code message_details}
   * @param message one element of {@code message_details}
   * @param acceptedAt when the simulator accepted the call
   */
  public record AcceptedRemediation(JsonObject batch, JsonObject message, Instant acceptedAt) {}

  private final HttpServer server;
  private final boolean tls;
  private final SmaSessions sessions;
  private final SmaHandlers handlers;
  private final TrackingSearch tracking;
  private final InFlight inFlight;
  private final Faults faults;
  private final RequestLog log;

  private SmaSimulator(
      HttpServer server,
      boolean tls,
      SmaSessions sessions,
      SmaHandlers handlers,
      TrackingSearch tracking,
      InFlight inFlight,
      Faults faults,
      RequestLog log) {
    this.server = server;
    this.tls = tls;
    this.sessions = sessions;
    this.handlers = handlers;
    this.tracking = tracking;
    this.inFlight = inFlight;
    this.faults = faults;
    this.log = log;
  }

  /** Starts a simulator on 127.0.0.1 on a free port. */
  public static Future<SmaSimulator> start(Vertx vertx, Options options) {
    SmaSessions sessions =
        new SmaSessions(options.clock(), options.tokenLifetime(), options.username());
    TrackingSearch tracking = new TrackingSearch();
    SmaHandlers handlers = new SmaHandlers(vertx, options, sessions, tracking);
    InFlight inFlight = new InFlight();
    Faults faults = new Faults();
    RequestLog log = new RequestLog(options.clock());

    Router router = Router.router(vertx);
    Handler<RoutingContext> body = BodyHandler.create(false).setBodyLimit(4 << 20);
    router
        .post(BASE + "/login")
        .handler(body)
        .handler(log.recorder(Endpoint.SMA_LOGIN))
        .handler(new FaultInjector(vertx, faults, Endpoint.SMA_LOGIN, SmaErrors::forStatus))
        .handler(handlers::login);
    router
        .post(BASE + "/remediation")
        .handler(inFlight)
        .handler(body)
        .handler(log.recorder(Endpoint.SMA_REMEDIATION))
        .handler(new FaultInjector(vertx, faults, Endpoint.SMA_REMEDIATION, SmaErrors::forStatus))
        .handler(handlers::authenticate)
        .handler(handlers::remediation);
    router
        .get(BASE + "/message-tracking/messages")
        .handler(inFlight)
        .handler(body)
        .handler(log.recorder(Endpoint.SMA_TRACKING))
        .handler(new FaultInjector(vertx, faults, Endpoint.SMA_TRACKING, SmaErrors::forStatus))
        .handler(handlers::authenticate)
        .handler(handlers::tracking);
    router
        .route()
        .handler(body)
        .handler(log.recorder(Endpoint.ANY))
        .handler(ctx -> SmaErrors.send(ctx, 404, SmaErrors.forStatus(404)));

    HttpServerOptions serverOptions = new HttpServerOptions().setHost("127.0.0.1").setPort(0);
    if (options.tls() != null) {
      serverOptions.setSsl(true).setKeyCertOptions(options.tls());
    }
    return vertx
        .createHttpServer(serverOptions)
        .requestHandler(router)
        .listen()
        .map(
            server ->
                new SmaSimulator(
                    server,
                    options.tls() != null,
                    sessions,
                    handlers,
                    tracking,
                    inFlight,
                    faults,
                    log));
  }

  /** {@code http(s)://127.0.0.1:PORT}, without {@code /sma/api/v2.0}: the agent's sma.baseUrl. */
  public String baseUrl() {
    return (tls ? "https" : "http") + "://127.0.0.1:" + server.actualPort();
  }

  /** Makes a message visible in message tracking. */
  public void track(TrackedMessage message) {
    tracking.add(message);
  }

  /** Every {@code message_details} element of every accepted remediation call, in order. */
  public List<AcceptedRemediation> remediations() {
    return handlers.accepted();
  }

  /** The most remediation and tracking calls that were being handled at one time. */
  public int peakInFlight() {
    return inFlight.peak();
  }

  /** How many remediation and tracking calls are being handled now. */
  public int inFlight() {
    return inFlight.current();
  }

  /** How many logins succeeded. */
  public int loginCalls() {
    return log.acceptedCount(Endpoint.SMA_LOGIN);
  }

  /** Every token issued so far is refused with 401 from now on. */
  public void expireTokens() {
    sessions.expireAll();
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

  public Future<Void> close() {
    return server.close();
  }
}
