package org.etdremediator.sim;

/** The simulated endpoints a fault can target; {@link #ANY} targets all of them. */
public enum Endpoint {
  ETD_TOKEN,
  ETD_SEARCH,
  SMA_LOGIN,
  SMA_REMEDIATION,
  SMA_TRACKING,
  ANY
}
