package org.etdremediator.sim;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** The access tokens the ETD simulator issues and later checks. */
final class EtdTokens {

  /** What a bearer token amounts to. */
  enum Check {
    VALID,
    MALFORMED,
    EXPIRED
  }

  private final SignedTokens signer = new SignedTokens();
  private final Clock clock;
  private final Duration lifetime;
  private final String clientId;
  private final Set<String> issued = new HashSet<>();
  private final Set<String> revoked = new HashSet<>();

  EtdTokens(Clock clock, Duration lifetime, String clientId) {
    this.clock = clock;
    this.lifetime = lifetime;
    this.clientId = clientId;
  }

  synchronized String issue() {
    Instant now = clock.instant();
    String jti = UUID.randomUUID().toString();
    issued.add(jti);
    JsonObject claims =
        new JsonObject()
            .put("iss", "etd-simulator")
            .put("sub", clientId)
            .put("iat", now.getEpochSecond())
            .put("exp", now.plus(lifetime).getEpochSecond())
            .put("jti", jti);
    return signer.sign(claims);
  }

  synchronized Check check(String token) {
    JsonObject claims = signer.verify(token);
    if (claims == null || !(claims.getValue("exp") instanceof Number exp)) {
      return Check.MALFORMED;
    }
    if (revoked.contains(claims.getString("jti"))
        || clock.instant().getEpochSecond() >= exp.longValue()) {
      return Check.EXPIRED;
    }
    return Check.VALID;
  }

  synchronized void expireAll() {
    revoked.addAll(issued);
  }
}
