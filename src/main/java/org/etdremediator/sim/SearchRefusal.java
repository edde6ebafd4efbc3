package org.etdremediator.sim;

/** A request the ETD search refuses, with the status and message it answers. */
final class SearchRefusal extends Exception {

  private final int status;

  SearchRefusal(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
