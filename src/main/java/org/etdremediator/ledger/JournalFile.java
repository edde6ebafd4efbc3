package org.etdremediator.ledger;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one journal file: JSON lines named {@code journal-<generation>.jsonl}. A new generation
 * starts at every compaction and every start, so each file was the active one when the agent last
 * stopped, and each may end in a line torn by a crash.
 */
final class JournalFile {

  private static final Pattern NAME = Pattern.compile("journal-(\\d{1,18})\\.jsonl");

  private JournalFile() {}

  static String name(long generation) {
    return String.format("journal-%08d.jsonl", generation);
  }

  static OptionalLong generation(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /** A line that is not a record. */
  record BadLine(int number, long offset, String problem) {}

  /**
   * What a read found.
   *
   * @param torn a torn last line, which a crash during a write leaves behind; tolerated
   * @param bad lines that are damaged where no crash could have damaged them
   */
  record Result(int records, int lines, BadLine torn, List<BadLine> bad) {}

  /** Feeds every readable record to {@code sink}, in order, skipping the bad lines. */
  static Result read(Path file, Consumer<JsonObject> sink) throws IOException {
    Scan scan = new Scan(sink);
    byte[] chunk = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (chunk[i] == '\n') {
            scan.line.write(chunk, start, i - start);
            scan.endOfLine(true);
            start = i + 1;
          }
        }
        scan.line.write(chunk, start, n - start);
      }
    }
    if (scan.line.size() > 0) {
      scan.endOfLine(false);
    }
    return new Result(scan.records, scan.number, scan.tail, List.copyOf(scan.bad));
  }

  private static final class Scan {
    final Consumer<JsonObject> sink;
    final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    final List<BadLine> bad = new ArrayList<>();
    BadLine tail;
    int records;
    int number;
    long offset;

    Scan(Consumer<JsonObject> sink) {
      this.sink = sink;
    }

    void endOfLine(boolean terminated) {
      number++;
      byte[] bytes = line.toByteArray();
      line.reset();
      long at = offset;
      offset += bytes.length + (terminated ? 1 : 0);
      if (bytes.length == 0) {
        return;
      }
      String problem = apply(bytes, sink);
      if (problem == null) {
        records++;
        settleTail();
        return;
      }
      // A crash can cut the last write short or, on some file systems, leave zeros where it did
      // not land; a complete damaged line with more data after it cannot come from a crash.
      boolean crashShaped = !terminated || containsZero(bytes);
      if (!crashShaped) {
        settleTail();
        bad.add(new BadLine(number, at, problem));
      } else if (tail == null) {
        tail = new BadLine(number, at, problem);
      }
    }

    /** Data after a torn-looking line means it was not the last one after all. */
    private void settleTail() {
      if (tail != null) {
        bad.add(tail);
        tail = null;
      }
    }
  }

  private static String apply(byte[] bytes, Consumer<JsonObject> sink) {
    if (allZero(bytes)) {
      return "only zero bytes";
    }
    try {
      sink.accept(new JsonObject(new String(bytes, StandardCharsets.UTF_8)));
      return null;
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      int cut = why.indexOf('\n');
      return cut < 0 ? why : why.substring(0, cut);
    }
  }

  private static boolean containsZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean allZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
