package org.etdremediator.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
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

  private final Vertx vertx;
  private final SimulatedSite site;
  private final Path dir;
  private final JsonObject config;

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

  /** Starts an agent that runs cycles only when asked. */
  public Future<AgentProcess> startOnce() {
    return start(false);
  }

  /** Starts an agent that polls on its timer and watches its config file. */
  public Future<AgentProcess> startService() {
    return start(true);
  }

  private Future<AgentProcess> start(boolean service) {
    Path file = writeConfig();
    ConfigSource source = new ConfigSource(Map.of(), null, dir, "remediator01.example.com");
    return AgentProcess.start(vertx, file, new AgentProcess.Options(service, false, source, FAST));
  }
}
