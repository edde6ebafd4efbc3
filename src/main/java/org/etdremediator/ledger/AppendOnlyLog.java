package org.etdremediator.ledger;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An append-only file written with group commit. Appends that arrive while a write and sync are in
 * progress wait and then go out together in the next single write and sync, so a burst of a
 * thousand appends costs a handful of syncs instead of a thousand. Order is kept. Each append's
 * future completes once its bytes are synced to disk. The file work runs on worker threads, one
 * step at a time; appends may come from any thread.
 */
public final class AppendOnlyLog {

  private record Write(Buffer bytes, Promise<Void> done) {}

  private record Step(Callable<Void> work, Promise<Void> done) {}

  private final Context context;
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private boolean busy;
  private boolean closed;

  // Touched only by the one worker step that runs at a time.
  private Path path;
  private FileChannel channel;
  private long syncedSize;
  private boolean continuesTornLine;
  private IOException broken;
  private final AtomicLong syncs = new AtomicLong();

  /** The file is created at the first append; its directory must exist. */
  public AppendOnlyLog(Context context, Path path) {
    this.context = context;
    this.path = path;
  }

  /** Appends the bytes; the future completes when they are on disk, or fails. */
  public Future<Void> append(Buffer bytes) {
    return enqueue(new Write(bytes, Promise.promise()), false);
  }

  /**
   * After what is queued now is written, closes this file and appends to {@code next}, which it
   * creates at once: the future completes when the new file is durable, even if still empty.
   */
  Future<Void> switchTo(Path next) {
    return enqueue(
        new Step(
            () -> {
              // Switch first: even if closing the old file fails, nothing more may go into it.
              path = next;
              broken = null;
              closeChannel();
              try {
                openChannel();
              } catch (IOException e) {
                throw StateException.io("Cannot create the journal " + next, e);
              }
              return null;
            },
            Promise.promise()),
        false);
  }

  /** Writes what is queued, then closes the file; later appends fail. */
  public Future<Void> close() {
    return enqueue(
        new Step(
            () -> {
              closeChannel();
              return null;
            },
            Promise.promise()),
        true);
  }

  /** How many write-and-sync rounds have run, for tests of the batching. */
  long syncCount() {
    return syncs.get();
  }

  private Future<Void> enqueue(Object item, boolean last) {
    Promise<Void> done = item instanceof Write w ? w.done() : ((Step) item).done();
    boolean start;
    synchronized (this) {
      if (closed) {
        return Future.failedFuture(new StateException(path + " is closed"));
      }
      closed = last;
      queue.add(item);
      start = !busy;
      busy = true;
    }
    if (start) {
      next();
    }
    return done.future();
  }

  private void next() {
    List<Write> batch = new ArrayList<>();
    Step step = null;
    synchronized (this) {
      while (queue.peek() instanceof Write) {
        batch.add((Write) queue.poll());
      }
      if (batch.isEmpty()) {
        step = (Step) queue.poll();
        if (step == null) {
          busy = false;
          return;
        }
      }
    }
    if (step != null) {
      Promise<Void> done = step.done();
      context.executeBlocking(step.work(), false).onComplete(ar -> finish(List.of(done), ar));
      return;
    }
    Buffer all = Buffer.buffer();
    batch.forEach(w -> all.appendBuffer(w.bytes()));
    List<Promise<Void>> promises = batch.stream().map(Write::done).toList();
    context
        .<Void>executeBlocking(() -> writeAndSync(all), false)
        .onComplete(ar -> finish(promises, ar));
  }

  private void finish(List<Promise<Void>> promises, io.vertx.core.AsyncResult<Void> result) {
    for (Promise<Void> p : promises) {
      if (result.succeeded()) {
        p.complete();
      } else {
        p.fail(result.cause());
      }
    }
    next();
  }

  private Void writeAndSync(Buffer bytes) {
    if (broken != null) {
      throw new StateException(
          path + " cannot be written after an earlier failure: " + StateException.reason(broken),
          broken);
    }
    try {
      if (channel == null) {
        openChannel();
      }
      return write(bytes);
    } catch (IOException e) {
      throw StateException.io("Cannot append to " + path, e);
    }
  }

  private Void write(Buffer bytes) throws IOException {
    ByteBuffer data = ByteBuffer.wrap(bytes.getBytes());
    try {
      if (continuesTornLine) {
        // A crash cut the last line short; start on a fresh line so the torn one stays alone.
        channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
      }
      while (data.hasRemaining()) {
        channel.write(data);
      }
      channel.force(false);
      syncs.incrementAndGet();
      continuesTornLine = false;
      syncedSize = channel.size();
      return null;
    } catch (IOException e) {
      undoPartialWrite(e);
      throw e;
    }
  }

  /** Cuts a half-done write off, so the next one does not follow a partial line. */
  private void undoPartialWrite(IOException cause) {
    try {
      channel.truncate(syncedSize);
    } catch (IOException e) {
      cause.addSuppressed(e);
      broken = cause;
    }
  }

  private void openChannel() throws IOException {
    boolean existed = Files.exists(path);
    channel = DurableFiles.openPrivate(path, StandardOpenOption.APPEND);
    syncedSize = channel.size();
    if (syncedSize > 0) {
      try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
        ByteBuffer last = ByteBuffer.allocate(1);
        reader.read(last, syncedSize - 1);
        continuesTornLine = last.get(0) != '\n';
      }
    }
    if (!existed) {
      DurableFiles.syncDirectory(path.toAbsolutePath().getParent());
    }
  }

  private void closeChannel() throws IOException {
    if (channel != null) {
      FileChannel c = channel;
      channel = null;
      c.close();
    }
  }
}
