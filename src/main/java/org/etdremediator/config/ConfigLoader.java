package org.etdremediator.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * Reads, validates and resolves the config file. Every way it can fail ends in an {@link
 * InvalidConfigException} that lists all problems at once.
 */
public final class ConfigLoader {
  static final String DEFAULT_STATE_DIR = "/var/lib/etd-remediator";

  public static final Path DEFAULT_PATH = Path.of("/etc/etd-remediator/etd-remediator.yaml");

  private ConfigLoader() {}

  /** Loads {@code file} against this process's environment and host name. */
  public static Future<LoadedConfig> load(Vertx vertx, Path file) {
    return vertx
        .executeBlocking(() -> ConfigSource.system(file), false)
        .compose(source -> load(vertx, file, source));
  }

  /**
   * Loads {@code file}. The future fails with {@link InvalidConfigException} when the file cannot
   * be read or is not valid.
   */
  public static Future<LoadedConfig> load(Vertx vertx, Path file, ConfigSource source) {
    return new RawConfigReader(vertx, file)
        .read()
        .compose(raw -> vertx.executeBlocking(() -> interpret(raw, file, source), false));
  }

  /**
   * Only {@code state.dir} of {@code file}, without reading or checking anything else: the {@code
   * status} command needs no credentials.
   */
  public static Future<Path> stateDir(Vertx vertx, Path file) {
    return new RawConfigReader(vertx, file)
        .read()
        .map(
            raw -> {
              Object state = raw.getValue("state");
              Object dir = state instanceof JsonObject s ? s.getValue("dir") : null;
              String text = dir instanceof String d && !d.isBlank() ? d.trim() : DEFAULT_STATE_DIR;
              return ConfigSource.system(file).resolveFile(text);
            });
  }

  /**
   * Validates raw config JSON and builds the typed config. Reads the credential files it names and
   * checks {@code sma.caFile}, so it blocks briefly on the file system.
   *
   * @throws InvalidConfigException listing every problem found
   */
  public static AgentConfig parse(JsonObject raw, ConfigSource source) {
    return ConfigParser.parse(raw, source);
  }

  static LoadedConfig interpret(JsonObject raw, Path file, ConfigSource source) {
    AgentConfig config = parse(raw, source);
    return new LoadedConfig(config, ConfigWarnings.of(raw, config, file));
  }
}
