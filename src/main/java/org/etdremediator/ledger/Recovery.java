package org.etdremediator.ledger;

/** What {@link StateStore#open} does when a state file is corrupt. */
public enum Recovery {
  /** Refuse to open and leave every file as it is, so that the operator can decide. */
  STRICT,
  /**
   * Keep whatever can be read, set a copy of each bad file aside as {@code
   * <name>.corrupt-<timestamp>}, rewrite the state from what was recovered, and report it all in
   * {@link StateStore#warnings()}.
   */
  SALVAGE
}
