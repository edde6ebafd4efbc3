package org.etdremediator.cli;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.etdremediator.config.InvalidConfigException;

/** Turns what stopped a command into a message for the operator and an exit code. */
final class Failures {
  private Failures() {}

  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof ExecutionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Prints the failure to stderr and returns the exit code for it. */
  static int report(Throwable e, Path configFile) {
    Throwable cause = unwrap(e);
    if (cause instanceof InvalidConfigException invalid) {
      AgentProcess.printProblems(System.err, configFile, invalid);
      return ExitCodes.BAD_CONFIG;
    }
    String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    System.err.println("etd-remediator: " + message);
    return ExitCodes.INCOMPLETE;
  }
}
