package org.etdremediator.config;

/** Whether remediation requests are really sent. */
public enum Mode {
  ENFORCE("enforce"),
  DRY_RUN("dry-run");

  private final String spelling;

  Mode(String spelling) {
    this.spelling = spelling;
  }

  public String spelling() {
    return spelling;
  }
}
