package org.etdremediator.ledger;

/** The state directory cannot be used as it is; the message says which file and why. */
public final class StateException extends RuntimeException {

  public StateException(String message) {
    super(message);
  }

  public StateException(String message, Throwable cause) {
    super(message, cause);
  }
}
