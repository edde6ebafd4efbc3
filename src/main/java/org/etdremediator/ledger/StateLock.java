package org.etdremediator.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Keeps a second agent out of a state directory: an OS lock on {@code state.lock}. */
final class StateLock {

  static final String NAME = "state.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Blocking. Fails with a {@link StateException} when another process holds the lock. */
  static StateLock acquire(Path dir) throws IOException {
    Path file = dir.resolve(NAME);
    FileChannel channel =
        DurableFiles.openPrivate(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = holder(channel);
      channel.close();
      throw new StateException(
          "State directory "
              + dir
              + " is in use by another etd-remediator"
              + holder
              + " ("
              + file
              + " is locked). Stop the other agent, or give this one its own state.dir.");
    }
    // The pid is for the operator who finds the lock held; the lock itself is what counts.
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap(
            (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
    return new StateLock(channel, lock);
  }

  void release() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    return pid.matches("\\d+") ? " (process " + pid + ")" : "";
  }
}
