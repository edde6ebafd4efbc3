package org.etdremediator.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.etdremediator.cli.AgentProcess;
import org.etdremediator.config.ConfigSource;
import org.etdremediator.demo.SimulatedSite;
import org.etdremediator.net.Backoff;

/**
 * Starts the real agent against a simulated site, with a config file written into a temporary
 * directory and short retry delays.
 */
public final class AgentHarness {
  public static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200));

  /** How often a service started here re-reads its config file. */
  public static final Duration CONFIG_SCAN = Duration.ofMillis(100);

  private final Vertx vertx;
  private final SimulatedSite site;
  private final Path dir;
  private final JsonObject config;
  private Map<String, String> environment = Map.of();
  private Path credentialsDirectory;

  public AgentHarness(Vertx vertx, SimulatedSite site, Path dir) {
    this.vertx = vertx;
    this.site = site;
    this.dir = dir;
    this.config = site.config(dir.resolve("state"));
    // Tests publish a burst of pages at once; ETD's own limit is exercised in its own tests.
    config.getJsonObject("etd").put("requestsPerSecond", 50);
  }

  public SimulatedSite site() {
    return site;
  }

  /** Changes one section of the config tree: {@code set("sma", "maxAttempts", 2)}. */
  public AgentHarness set(String section, String key, Object value) {
    JsonObject part = config.getJsonObject(section);
    if (part == null) {
      part = new JsonObject();
      config.put(section, part);
    }
    part.put(key, value);
    return this;
  }

  public JsonObject config() {
    return config;
  }

  /** Changes the config tree before the agent starts (or before the file is written again). */
  public AgentHarness configure(Consumer<JsonObject> change) {
    change.accept(config);
    return this;
  }

  public Path configFile() {
    return dir.resolve("etd-remediator.yaml");
  }

  public Path stateDir() {
    return dir.resolve("state");
  }

  public Path writeConfig() {
    return SimulatedSite.writeConfig(configFile(), config);
  }

  /**
   * Changes the config tree and replaces the file in one step, as a careful editor or a
   * configuration tool does, so a watcher never reads it half written.
   */
  public void rewriteConfig(Consumer<JsonObject> change) {
    change.accept(config);
    Path next = SimulatedSite.writeConfig(dir.resolve("next.yaml"), config);
    try {
      Files.move(next, configFile(), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the file with {@code text}, in one step. */
  public void rewriteConfigText(String text) {
    try {
      Path next = Files.writeString(dir.resolve("next.yaml"), text);
      Files.move(next, configFile(), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts an agent that runs cycles only when asked. */
  public Future<AgentProcess> startOnce() {
    return start(false);
  }

  /** Starts an agent that polls on its timer and watches its config file. */
  public Future<AgentProcess> startService() {
    return start(true);
  }

  /** Starts a service as {@code run --dry-run} does. */
  public Future<AgentProcess> startDryRunService() {
    return start(true, true);
  }

  /** The environment for {@code ${NAME}} values. */
  public AgentHarness environment(Map<String, String> values) {
    this.environment = Map.copyOf(values);
    return this;
  }

  /** Where relative {@code ...File} credentials are read, as systemd's LoadCredential= sets. */
  public AgentHarness credentialsDirectory(Path directory) {
    this.credentialsDirectory = directory;
    return this;
  }

  private Future<AgentProcess> start(boolean service) {
    return start(service, false);
  }

  private Future<AgentProcess> start(boolean service, boolean dryRun) {
    Path file = writeConfig();
    ConfigSource source =
        new ConfigSource(environment, credentialsDirectory, dir, "remediator01.example.com");
    return AgentProcess.start(
        vertx, file, new AgentProcess.Options(service, dryRun, source, FAST, CONFIG_SCAN));
  }
}
