package org.etdremediator.ledger;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * The binary snapshot of the ledger, {@code ledger.snapshot}. All numbers big-endian:
 *
 * <pre>
 * magic "ETDLEDGR" | int version (1) | long next journal generation | long written at (epoch ms)
 * int n | n × (long msb, long lsb, int epoch seconds, byte verdict/action code, short SMA status,
 *              byte attempts)
 * int n | n × (int length, UTF-8 JSON remediation)    ids or values the packed form cannot hold
 * int n | n × (int length, UTF-8 JSON pending item)
 * int n | n × (int length, UTF-8 JSON failed item)
 * int CRC-32C of every byte before it
 * </pre>
 *
 * Blocking; callers run it on a worker thread.
 */
final class SnapshotFile {

  static final String NAME = "ledger.snapshot";
  private static final byte[] MAGIC = "ETDLEDGR".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int HEADER = MAGIC.length + 4 + 8 + 8;
  private static final int PACKED_ENTRY = 8 + 8 + 4 + 1 + 2 + 1;

  private SnapshotFile() {}

  /** Writes the image to a temp file, syncs it, then renames it over the snapshot. */
  static void write(Path dir, SnapshotImage image) throws IOException {
    Path tmp = dir.resolve(NAME + DurableFiles.TMP_SUFFIX);
    try (FileChannel ch =
            DurableFiles.openPrivate(
                tmp, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        ChecksummedOutput out = new ChecksummedOutput(ch)) {
      out.put(MAGIC);
      out.putInt(VERSION);
      out.putLong(image.nextJournalGeneration());
      out.putLong(image.writtenAt().toEpochMilli());
      PackedEntries p = image.packed();
      out.putInt(p.count());
      for (int i = 0; i < p.count(); i++) {
        out.ensure(PACKED_ENTRY);
        out.buffer.putLong(p.msbs[i]).putLong(p.lsbs[i]).putInt(p.seconds[i]);
        out.buffer.put(p.codes[i]).putShort(p.statuses[i]).put(p.attempts[i]);
      }
      putJson(out, image.others(), StateJson::remediation);
      putJson(out, image.pending(), StateJson::pending);
      putJson(out, image.failed(), StateJson::failed);
      out.finish();
      ch.force(true);
    }
    DurableFiles.replace(tmp, dir.resolve(NAME));
  }

  private static <T> void putJson(
      ChecksummedOutput out, List<T> items, Function<T, JsonObject> codec) throws IOException {
    out.putInt(items.size());
    for (T item : items) {
      byte[] bytes = codec.apply(item).encode().getBytes(StandardCharsets.UTF_8);
      out.putInt(bytes.length);
      out.put(bytes);
    }
  }

  /** What a snapshot held, and what was wrong with it when something was. */
  record Contents(
      LedgerState state, long nextJournalGeneration, Instant writtenAt, String problem) {}

  /**
   * Loads a snapshot. A snapshot that is not sound is reported in {@link Contents#problem()}; the
   * state then holds whatever could be read before the damage.
   */
  static Contents read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < HEADER + 4 * 5) {
      return damaged("too short for a snapshot (" + bytes.length + " bytes)");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte[] magic = new byte[MAGIC.length];
    in.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      return damaged("not a ledger snapshot (bad magic number at offset 0)");
    }
    int version = in.getInt();
    if (version != VERSION) {
      return damaged("snapshot version " + version + " is not supported");
    }
    long nextGen = in.getLong();
    Instant writtenAt = Instant.ofEpochMilli(in.getLong());
    int announced = in.getInt(in.position());
    int end = bytes.length - 4;
    LedgerState state =
        new LedgerState(Math.max(0, Math.min(announced, (end - HEADER) / PACKED_ENTRY)));
    String problem = checksumProblem(bytes);
    String parseProblem = readEntries(in, end, state);
    if (parseProblem == null && in.position() != end) {
      parseProblem = "unexpected bytes at offset " + in.position();
    }
    if (problem == null) {
      problem = parseProblem;
    } else if (parseProblem != null) {
      problem += "; " + parseProblem;
    }
    return new Contents(state, nextGen, writtenAt, problem);
  }

  private static Contents damaged(String problem) {
    return new Contents(new LedgerState(0), 0, null, problem);
  }

  private static String checksumProblem(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
    int computed = (int) crc.getValue();
    return stored == computed
        ? null
        : String.format(
            "checksum mismatch over %d bytes (stored %08x, computed %08x)",
            bytes.length - 4, stored, computed);
  }

  private static String readEntries(ByteBuffer in, int end, LedgerState into) {
    int entry = 0;
    String section = "remediated ids";
    try {
      int count = count(in, end, PACKED_ENTRY);
      for (entry = 0; entry < count; entry++) {
        long msb = in.getLong();
        long lsb = in.getLong();
        int seconds = in.getInt();
        byte code = in.get();
        short status = in.getShort();
        byte tries = in.get();
        if ((msb == 0 && lsb == 0) || !RemediationCodes.valid(code) || status < 0 || tries < 0) {
          throw new IllegalStateException("invalid entry");
        }
        into.remediated.putPacked(msb, lsb, seconds, code, status, tries);
      }
      section = "other remediations";
      readJson(in, end, json -> into.remediated(StateJson.remediation(json)));
      section = "pending items";
      readJson(in, end, json -> into.pending(StateJson.pending(json)));
      section = "failed items";
      readJson(in, end, json -> into.failed(StateJson.failed(json)));
      return null;
    } catch (RuntimeException e) {
      return String.format(
          "unreadable %s near offset %d (entry %d): %s",
          section, in.position(), entry, e.getMessage() == null ? e : e.getMessage());
    }
  }

  private static void readJson(ByteBuffer in, int end, Consumer<JsonObject> sink) {
    int count = count(in, end, 4);
    for (int i = 0; i < count; i++) {
      int length = in.getInt();
      if (length < 0 || length > end - in.position()) {
        throw new BufferUnderflowException();
      }
      String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
      in.position(in.position() + length);
      sink.accept(new JsonObject(text));
    }
  }

  private static int count(ByteBuffer in, int end, int minEntrySize) {
    int count = in.getInt();
    if (count < 0 || (long) count * minEntrySize > end - in.position()) {
      throw new IllegalStateException("entry count " + count + " does not fit the file");
    }
    return count;
  }

  /** Buffers writes to a channel and keeps a running CRC-32C of what went through. */
  private static final class ChecksummedOutput implements AutoCloseable {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    private final CRC32C crc = new CRC32C();

    ChecksummedOutput(FileChannel channel) {
      this.channel = channel;
    }

    void ensure(int bytes) throws IOException {
      if (buffer.remaining() < bytes) {
        flush();
      }
    }

    void putInt(int v) throws IOException {
      ensure(4);
      buffer.putInt(v);
    }

    void putLong(long v) throws IOException {
      ensure(8);
      buffer.putLong(v);
    }

    void put(byte[] bytes) throws IOException {
      for (int off = 0; off < bytes.length; ) {
        if (!buffer.hasRemaining()) {
          flush();
        }
        int n = Math.min(buffer.remaining(), bytes.length - off);
        buffer.put(bytes, off, n);
        off += n;
      }
    }

    /** Appends the checksum of everything written so far and flushes. */
    void finish() throws IOException {
      flush();
      buffer.putInt((int) crc.getValue());
      buffer.flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      buffer.clear();
    }

    private void flush() throws IOException {
      buffer.flip();
      crc.update(buffer.array(), 0, buffer.limit());
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      buffer.clear();
    }

    @Override
    public void close() {}
  }
}
