package org.etdremediator.config;

import java.io.IOException;
import java.nio.file.FileSystemException;

/** Why a file named in the config could not be read, in the system's words. */
final class FileTrouble {
  private FileTrouble() {}

  // The exception's class name tells an operator nothing; the system's reason ("Is a directory",
  // "Input/output error") does.
  static String reason(IOException failure) {
    String reason =
        failure instanceof FileSystemException f && f.getReason() != null
            ? f.getReason()
            : failure.getMessage();
    return reason == null || reason.isBlank() ? "input/output error" : reason;
  }
}
