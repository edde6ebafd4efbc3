package org.etdremediator.config;

/** What the SMA is asked to do with a message, with the spelling the SMA API takes. */
public enum RemediationAction {
  DELETE("delete", false),
  FORWARD("forward", true),
  FWD_DELETE("fwdDelete", true);

  private final String spelling;
  private final boolean forwards;

  RemediationAction(String spelling, boolean forwards) {
    this.spelling = spelling;
    this.forwards = forwards;
  }

  public String spelling() {
    return spelling;
  }

  public boolean forwards() {
    return forwards;
  }

  /** The action spelled as in the config and the SMA API, or null when there is none. */
  public static RemediationAction fromSpelling(String text) {
    for (RemediationAction a : values()) {
      if (a.spelling.equals(text)) {
        return a;
      }
    }
    return null;
  }
}
