package org.etdremediator.cli;

/** The exit codes of the commands. */
public final class ExitCodes {
  /** Everything done. */
  public static final int OK = 0;

  /** Some remediation failed or is still pending, or the agent could not run. */
  public static final int INCOMPLETE = 1;

  /** The config is not valid, or the command line is not. */
  public static final int BAD_CONFIG = 2;

  private ExitCodes() {}
}
