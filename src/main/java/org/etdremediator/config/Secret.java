package org.etdremediator.config;

import java.util.Objects;

/**
 * A credential read from the config. Its text form is always masked, so a secret that slips into a
 * log line, an exception message or a printed config shows as {@code ****}.
 */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** The clear text, for the one place that must send it. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "****";
  }
}
