package org.etdremediator.net;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * One cached access token. It is renewed once 80 % of its lifetime has passed, and on demand after
 * a refusal; calls that meet a refusal at the same time share one renewal. The lifetime is the
 * issuer's own figure, else the JWT's {@code exp} claim, else the given default.
 */
public final class TokenCache {
  private final Clock clock;
  private final Duration defaultLifetime;
  private final Supplier<Future<Issued>> issuer;
  private Future<Held> current;

  public TokenCache(Clock clock, Duration defaultLifetime, Supplier<Future<Issued>> issuer) {
    this.clock = clock;
    this.defaultLifetime = defaultLifetime;
    this.issuer = issuer;
  }

  /** A token as the issuer handed it out; {@code lifetime} is null when it did not say. */
  public record Issued(String token, Duration lifetime) {}

  private record Held(String token, Instant renewAt) {}

  /** A valid token, from the cache or newly issued. */
  public Future<String> get() {
    Future<Held> held = current;
    if (held == null
        || held.failed()
        || (held.succeeded() && !clock.instant().isBefore(held.result().renewAt()))) {
      held = issue();
    }
    return held.map(Held::token);
  }

  /**
   * Drops {@code token} after the server refused it. A token already replaced by a newer one is
   * left alone, so concurrent refusals lead to a single renewal.
   */
  public void refused(String token) {
    Future<Held> held = current;
    if (held != null && held.succeeded() && held.result().token().equals(token)) {
      current = null;
    }
  }

  /** Adopts a token the server renewed on its own (the SMA's {@code jwtToken} header). */
  public void renewed(String token) {
    Future<Held> held = current;
    if (held != null && held.succeeded() && held.result().token().equals(token)) {
      return;
    }
    current = Future.succeededFuture(hold(new Issued(token, null)));
  }

  /** Forgets the token, for instance after the credentials changed. */
  public void clear() {
    current = null;
  }

  private Future<Held> issue() {
    Future<Held> next = issuer.get().map(this::hold);
    current = next;
    return next;
  }

  private Held hold(Issued issued) {
    Instant now = clock.instant();
    Duration lifetime = issued.lifetime();
    if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
      Instant exp = expiryClaim(issued.token());
      lifetime = exp != null && exp.isAfter(now) ? Duration.between(now, exp) : defaultLifetime;
    }
    return new Held(issued.token(), now.plusMillis(lifetime.toMillis() * 8 / 10));
  }

  /** The {@code exp} claim of a JWT, or null when the token is not a JWT or has none. */
  static Instant expiryClaim(String token) {
    String[] parts = token.split("\\.");
    if (parts.length < 2) {
      return null;
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      JsonObject claims = new JsonObject(new String(payload, StandardCharsets.UTF_8));
      Object exp = claims.getValue("exp");
      return exp instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
    } catch (RuntimeException notAJwt) {
      return null;
    }
  }
}
