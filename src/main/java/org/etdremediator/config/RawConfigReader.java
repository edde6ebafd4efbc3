package org.etdremediator.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the YAML file into JSON off the event loop, and turns a failed read into a {@link
 * ConfigProblem} an operator can act on.
 */
final class RawConfigReader {
  private final Vertx vertx;
  private final Path file;

  RawConfigReader(Vertx vertx, Path file) {
    this.vertx = vertx;
    this.file = file.toAbsolutePath();
  }

  /** The file's content as JSON; fails with {@link InvalidConfigException} when unusable. */
  Future<JsonObject> read() {
    return vertx.executeBlocking(this::readNow, false);
  }

  private JsonObject readNow() {
    if (Files.isDirectory(file)) {
      throw unreadable("is a directory, not a file (pass --config FILE naming the YAML file)");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw unreadable("no such file (write the config there, or pass --config FILE)");
    } catch (AccessDeniedException e) {
      throw unreadable("permission denied (let the agent's user read it)");
    } catch (IOException e) {
      throw unreadable(
          "cannot be read: " + FileTrouble.reason(e) + " (check that it is a readable file)");
    }
    return YamlTree.parse(file.toString(), text(bytes));
  }

  private String text(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw unreadable(YamlTree.NOT_TEXT);
    }
  }

  private InvalidConfigException unreadable(String message) {
    return new InvalidConfigException(new ConfigProblem(file.toString(), message));
  }
}
