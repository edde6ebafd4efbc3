package org.etdremediator.sim;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JWT-shaped tokens signed with HMAC-SHA256 under a key only this instance knows, so a simulator
 * can tell the tokens it issued from anything else.
 */
final class SignedTokens {

  private static final String HEADER =
      encode(new JsonObject().put("alg", "HS256").put("typ", "JWT").encode());

  private final byte[] key = new byte[32];

  SignedTokens() {
    new SecureRandom().nextBytes(key);
  }

  /** A token {@code header.payload.signature} carrying {@code claims}. */
  String sign(JsonObject claims) {
    String unsigned = HEADER + "." + encode(claims.encode());
    return unsigned + "." + signature(unsigned);
  }

  /** The claims of a token this instance signed, or null for anything else. */
  JsonObject verify(String token) {
    if (token == null) {
      return null;
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !parts[0].equals(HEADER)) {
      return null;
    }
    byte[] expected = signature(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
      return null;
    }
    try {
      return new JsonObject(
          new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException e) {
      return null;
    }
  }

  private String signature(String unsigned) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] raw = mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
