package org.etdremediator.ledger;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code checkpoint.json}: pretty-printed JSON, so that an operator can read it. Besides the search
 * checkpoint it records which snapshot and journal generation the ledger is in, so that a lost
 * ledger file is noticed instead of silently forgetting remediations. Blocking.
 */
final class CheckpointFile {

  static final String NAME = "checkpoint.json";
  private static final int VERSION = 1;

  /** Written by a release that did not record the generations. */
  static final long UNKNOWN = -1;

  private CheckpointFile() {}

  /**
   * What the file holds.
   *
   * @param journalGeneration the journal generation in use when it was written; that journal
   *     existed then. {@link #UNKNOWN} when not recorded.
   * @param snapshotGeneration the next journal generation of the snapshot then in use, 0 when there
   *     was none, {@link #UNKNOWN} when not recorded
   */
  record Contents(Checkpoint checkpoint, long journalGeneration, long snapshotGeneration) {}

  static byte[] encode(Checkpoint c, long journalGeneration, long snapshotGeneration) {
    JsonObject json =
        StateJson.checkpoint(c)
            .put("journalGeneration", journalGeneration)
            .put("snapshotGeneration", snapshotGeneration);
    return (json.encodePrettily() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static void write(Path dir, byte[] encoded) {
    Path file = dir.resolve(NAME);
    try {
      DurableFiles.writeAtomically(file, encoded);
    } catch (IOException e) {
      throw StateException.io("Cannot save the checkpoint " + file, e);
    }
  }

  /**
   * @throws RuntimeException when the file is not a checkpoint this release can read
   */
  static Contents read(Path file) throws IOException {
    JsonObject json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    Object version = json.getValue("version");
    if (!Integer.valueOf(VERSION).equals(version)) {
      throw new IllegalArgumentException(
          version == null
              ? "it has no \"version\""
              : "its version "
                  + version
                  + " is not one this release reads (version "
                  + VERSION
                  + "); a newer etd-remediator may have written it, in which case run that one");
    }
    return new Contents(
        StateJson.checkpoint(json),
        json.getLong("journalGeneration", UNKNOWN),
        json.getLong("snapshotGeneration", UNKNOWN));
  }
}
