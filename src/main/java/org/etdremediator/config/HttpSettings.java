package org.etdremediator.config;

/** The {@code http:} section; port 0 turns the endpoints off. */
public record HttpSettings(String host, int port) {

  public boolean enabled() {
    return port != 0;
  }
}
