package org.etdremediator.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the YAML file into JSON through Vert.x Config, without touching the event loop, and turns a
 * failed read into a {@link ConfigProblem} an operator can act on.
 */
final class RawConfigReader {
  private final Path file;
  private final ConfigRetriever retriever;

  RawConfigReader(Vertx vertx, Path file) {
    this.file = file.toAbsolutePath();
    ConfigStoreOptions store =
        new ConfigStoreOptions()
            .setType("file")
            .setFormat("yaml")
            .setConfig(new JsonObject().put("path", this.file.toString()));
    // No default stores: the environment and system properties would show up as unknown keys.
    // No scan period: callers decide when to read again.
    ConfigRetrieverOptions options =
        new ConfigRetrieverOptions()
            .setIncludeDefaultStores(false)
            .setScanPeriod(0)
            .addStore(store);
    this.retriever = ConfigRetriever.create(vertx, options);
  }

  /** The file's content as JSON; fails with {@link InvalidConfigException} when unreadable. */
  Future<JsonObject> read() {
    return retriever
        .getConfig()
        .recover(
            e ->
                holdsNoDocument(e)
                    ? Future.succeededFuture(new JsonObject())
                    : Future.failedFuture(unreadable(e)));
  }

  Future<Void> close() {
    return retriever.close();
  }

  // The YAML processor fails on a file of nothing but comments, where it finds no document at all.
  // That file holds no settings, like an empty one, and is judged the same way.
  private static boolean holdsNoDocument(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof NullPointerException) {
        return true;
      }
    }
    return false;
  }

  private InvalidConfigException unreadable(Throwable failure) {
    return new InvalidConfigException(new ConfigProblem(file.toString(), describe(failure)));
  }

  // The YAML parser's own messages quote the offending line, which may hold a secret; only its
  // description of the problem and the position are kept.
  private static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof NoSuchFileException) {
        return "no such file (write the config there, or pass --config FILE)";
      }
      if (t instanceof AccessDeniedException) {
        return "permission denied (let the agent's user read it)";
      }
      if (t instanceof MarkedYAMLException y) {
        Mark mark = y.getProblemMark();
        String where =
            mark == null
                ? ""
                : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        return "not valid YAML" + where + ": " + y.getProblem() + " (fix the syntax there)";
      }
      if (t instanceof ClassCastException) {
        return "not a YAML mapping (write sections such as etd: and sma: at the top level)";
      }
    }
    return "cannot read it: "
        + failure.getClass().getSimpleName()
        + " (check it is a readable YAML file)";
  }
}
