package org.etdremediator.sim;

/** A request the SMA refuses with 400, with a message naming what is wrong. */
final class SmaRefusal extends Exception {

  SmaRefusal(String message) {
    super(message, null, false, false);
  }
}
