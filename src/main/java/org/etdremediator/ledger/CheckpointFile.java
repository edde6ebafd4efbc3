package org.etdremediator.ledger;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code checkpoint.json}: pretty-printed JSON, so that an operator can read it. Blocking. */
final class CheckpointFile {

  static final String NAME = "checkpoint.json";

  private CheckpointFile() {}

  static byte[] encode(Checkpoint c) {
    return (StateJson.checkpoint(c).encodePrettily() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static void write(Path dir, byte[] encoded) throws IOException {
    DurableFiles.writeAtomically(dir.resolve(NAME), encoded);
  }

  /**
   * @throws RuntimeException when the file is not a checkpoint
   */
  static Checkpoint read(Path file) throws IOException {
    return StateJson.checkpoint(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)));
  }
}
