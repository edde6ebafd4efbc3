package org.etdremediator.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** File steps that survive a crash at any instant. Blocking; run on a worker thread. */
final class DurableFiles {

  static final String TMP_SUFFIX = ".tmp";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private DurableFiles() {}

  /**
   * Opens a file of the state directory, creating it readable by the agent's user only: the audit
   * log and the ledger name users' mailboxes.
   */
  static FileChannel openPrivate(Path file, StandardOpenOption... options) throws IOException {
    Set<OpenOption> set = new HashSet<>(List.of(options));
    set.add(StandardOpenOption.CREATE);
    try {
      return FileChannel.open(file, set, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException notPosix) {
      return FileChannel.open(file, set);
    }
  }

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  /** Replaces {@code target} with {@code content}: temp file, sync, rename, sync the directory. */
  static void writeAtomically(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + TMP_SUFFIX);
    try (FileChannel ch =
        openPrivate(tmp, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    }
    replace(tmp, target);
  }

  /** Renames a synced temp file over its target and makes the rename itself durable. */
  static void replace(Path tmp, Path target) throws IOException {
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(target.getParent());
  }

  /**
   * Keeps a synced copy of a damaged file as {@code <name>.corrupt-<timestamp>} before anything
   * replaces it. A copy rather than a rename, so that a crash halfway leaves the original in place
   * and the next start meets the same damage instead of an empty state.
   */
  static Path setAside(Path file, Instant now) throws IOException {
    Path copy = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(now));
    for (int n = 2; Files.exists(copy); n++) {
      copy = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(now) + "-" + n);
    }
    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
    try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    syncDirectory(file.getParent());
    return copy;
  }

  /** Makes creations, renames and deletions in a directory durable (Linux semantics). */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
