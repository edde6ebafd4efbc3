package org.etdremediator.config;

/** How the agent authenticates to the SMA. */
public enum SmaAuth {
  /** Log in once, then send the {@code jwtToken} header. */
  JWT,
  /** Send {@code Authorization: Basic} on every call. */
  BASIC
}
