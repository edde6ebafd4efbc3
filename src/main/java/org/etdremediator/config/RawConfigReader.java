package org.etdremediator.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
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
 * Reads the YAML file into JSON through Vert.x Config, and turns a failed read into a {@link
 * ConfigProblem} an operator can act on. Before that, the file's text is checked for what Vert.x
 * Config lets pass silently: a key given twice, where YAML keeps only the last.
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
    return vertx.executeBlocking(this::check, false).compose(v -> retrieve());
  }

  private Void check() {
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
    YamlTree.parse(file.toString(), text(bytes));
    return null;
  }

  private Future<JsonObject> retrieve() {
    ConfigStoreOptions store =
        new ConfigStoreOptions()
            .setType("file")
            .setFormat("yaml")
            .setConfig(new JsonObject().put("path", file.toString()));
    // No default stores: the environment and system properties would show up as unknown keys.
    // No scan period: the watcher decides when to read again.
    ConfigRetriever retriever =
        ConfigRetriever.create(
            vertx,
            new ConfigRetrieverOptions()
                .setIncludeDefaultStores(false)
                .setScanPeriod(0)
                .addStore(store));
    return retriever
        .getConfig()
        // The YAML processor fails on a file of nothing but comments, where it finds no document
        // at all; such a file holds no settings, like an empty one, and is judged the same way.
        .recover(
            e ->
                holdsNoDocument(e)
                    ? Future.succeededFuture(new JsonObject())
                    : Future.failedFuture(
                        unreadable(
                            "cannot read it as YAML: "
                                + e.getClass().getSimpleName()
                                + " (check it is a readable YAML file)")))
        .eventually(retriever::close);
  }

  private static boolean holdsNoDocument(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof NullPointerException) {
        return true;
      }
    }
    return false;
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
