package org.etdremediator.sim;

import io.vertx.core.json.JsonObject;

/** How one simulated service words its JSON error bodies. */
@FunctionalInterface
interface ErrorBodies {

  /** The error body the service sends with {@code status}. */
  JsonObject forStatus(int status);
}
