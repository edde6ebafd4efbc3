package org.etdremediator.sim;

import java.time.Duration;
import java.util.Objects;

/** An immutable description of how a simulator misbehaves on one request. */
public final class Fault {

  /** What the simulator does instead of, or before, serving the request. */
  public enum Kind {
    LATENCY,
    STATUS,
    DROP,
    GARBAGE,
    HTML,
    EMPTY_BODY
  }

  private final Kind kind;
  private final Duration delay;
  private final int status;
  private final Duration retryAfter;

  private Fault(Kind kind, Duration delay, int status, Duration retryAfter) {
    this.kind = kind;
    this.delay = delay;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** Waits {@code delay}, then serves the request normally. */
  public static Fault latency(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + delay);
    }
    return new Fault(Kind.LATENCY, delay, 0, null);
  }

  /** Answers with this status and the service's own error body for it. */
  public static Fault status(int code) {
    if (code < 100 || code > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + code);
    }
    return new Fault(Kind.STATUS, Duration.ZERO, code, null);
  }

  /** Like {@link #status(int)}, with a {@code Retry-After} header in whole seconds. */
  public static Fault status(int code, Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    return new Fault(Kind.STATUS, Duration.ZERO, status(code).status, retryAfter);
  }

  /** Closes the connection without sending any response. */
  public static Fault drop() {
    return new Fault(Kind.DROP, Duration.ZERO, 0, null);
  }

  /** Answers 200 with a JSON content type and a body that is not JSON. */
  public static Fault garbage() {
    return new Fault(Kind.GARBAGE, Duration.ZERO, 200, null);
  }

  /** Answers 502 with the HTML error page a reverse proxy sends. */
  public static Fault html() {
    return new Fault(Kind.HTML, Duration.ZERO, 502, null);
  }

  /** Answers 200 with a JSON content type and no body at all. */
  public static Fault emptyBody() {
    return new Fault(Kind.EMPTY_BODY, Duration.ZERO, 200, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The delay of a latency fault, zero for the others. */
  public Duration delay() {
    return delay;
  }

  /** The status the fault answers with, 0 for latency and drop. */
  public int status() {
    return status;
  }

  /** The {@code Retry-After} to send, null when none. */
  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fault f
        && kind == f.kind
        && delay.equals(f.delay)
        && status == f.status
        && Objects.equals(retryAfter, f.retryAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, delay, status, retryAfter);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case LATENCY -> "latency(" + delay + ")";
      case STATUS -> "status(" + status + (retryAfter == null ? "" : ", " + retryAfter) + ")";
      default -> kind.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
