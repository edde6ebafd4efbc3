package org.etdremediator.sim;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The SMA's login sessions. A token is bound to the User-Agent and Accept headers of the call that
 * got it, as the appliance binds it to the client.
 */
final class SmaSessions {

  /** What a token was issued to, and until when it is valid. */
  record Session(String userAgent, String accept, Instant expiresAt) {}

  private final SignedTokens signer = new SignedTokens();
  private final Map<String, Session> sessions = new HashMap<>();
  private final Clock clock;
  private final Duration lifetime;
  private final String user;

  SmaSessions(Clock clock, Duration lifetime, String user) {
    this.clock = clock;
    this.lifetime = lifetime;
    this.user = user;
  }

  synchronized String issue(String userAgent, String accept) {
    Instant now = clock.instant();
    Instant expiresAt = now.plus(lifetime);
    String jti = UUID.randomUUID().toString();
    sessions.put(jti, new Session(userAgent, accept, expiresAt));
    return signer.sign(
        new JsonObject()
            .put("userName", user)
            .put("iat", now.getEpochSecond())
            .put("exp", expiresAt.getEpochSecond())
            .put("jti", jti));
  }

  /** The session of a valid token presented by the client it was issued to, or null. */
  synchronized Session find(String token, String userAgent, String accept) {
    JsonObject claims = signer.verify(token);
    Session session = claims == null ? null : sessions.get(claims.getString("jti"));
    if (session == null
        || !clock.instant().isBefore(session.expiresAt())
        || !Objects.equals(session.userAgent(), userAgent)
        || !Objects.equals(session.accept(), accept)) {
      return null;
    }
    return session;
  }

  /** How long a session has left. */
  Duration remaining(Session session) {
    return Duration.between(clock.instant(), session.expiresAt());
  }

  synchronized void expireAll() {
    sessions.clear();
  }
}
