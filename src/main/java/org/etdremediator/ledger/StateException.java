package org.etdremediator.ledger;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** The state directory cannot be used as it is; the message says which file and why. */
public final class StateException extends RuntimeException {

  /** The command that sets damaged state files aside and keeps what is readable. */
  static final String REPAIR_COMMAND = "etd-remediator repair-state --config FILE";

  public StateException(String message) {
    super(message);
  }

  public StateException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code doing}, then what the operating system said, e.g. "Permission denied". */
  static StateException io(String doing, IOException cause) {
    return new StateException(doing + ": " + reason(cause) + ".", cause);
  }

  /**
   * The operating system's reason for a failed file operation. The JDK leaves it out of the message
   * of the commonest exceptions, which then name only the file.
   */
  static String reason(IOException e) {
    String what;
    if (e instanceof AccessDeniedException) {
      what = "Permission denied";
    } else if (e instanceof NoSuchFileException) {
      what = "No such file or directory";
    } else if (e instanceof FileAlreadyExistsException) {
      what = "File exists";
    } else if (e instanceof DirectoryNotEmptyException) {
      what = "Directory not empty";
    } else if (e instanceof NotDirectoryException) {
      what = "Not a directory";
    } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
      what = fs.getReason();
    } else {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    FileSystemException fs = (FileSystemException) e;
    return fs.getFile() == null ? what : what + " (" + fs.getFile() + ")";
  }
}
