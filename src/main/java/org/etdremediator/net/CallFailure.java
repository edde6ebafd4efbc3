package org.etdremediator.net;

import java.time.Duration;

/**
 * A call to ETD or the SMA that did not succeed. The message names the call and what went wrong and
 * never carries a credential or a request header.
 */
public class CallFailure extends RuntimeException {
  private final int status;
  private final boolean retryable;
  private final Duration retryAfter;

  public CallFailure(String message, int status, boolean retryable, Duration retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  /** A failure with no HTTP status: refused or dropped connection, timeout, unreadable body. */
  public static CallFailure transport(String what, Throwable cause) {
    String reason =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new CallFailure(what + ": " + reason, 0, true, null);
  }

  /** The HTTP status, or 0 when the call got no answer. */
  public int status() {
    return status;
  }

  public boolean retryable() {
    return retryable;
  }

  /** The server's {@code Retry-After}, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whether a status is worth another attempt: rate limits and server-side failures. */
  public static boolean retryableStatus(int status) {
    return status == 429 || status == 408 || status >= 500;
  }
}
