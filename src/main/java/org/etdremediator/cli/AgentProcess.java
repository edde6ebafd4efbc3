package org.etdremediator.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.etdremediator.agent.AgentMetrics;
import org.etdremediator.agent.AgentVerticle;
import org.etdremediator.config.AgentConfig;
import org.etdremediator.config.ConfigChange;
import org.etdremediator.config.ConfigLoader;
import org.etdremediator.config.ConfigSource;
import org.etdremediator.config.ConfigWatcher;
import org.etdremediator.config.InvalidConfigException;
import org.etdremediator.config.LoadedConfig;
import org.etdremediator.config.Mode;
import org.etdremediator.http.StatusServer;
import org.etdremediator.ledger.CycleSummary;
import org.etdremediator.net.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent with everything around it: its Vert.x instance, the config watcher and the
 * status server. The commands and the tests start the agent through here.
 */
public final class AgentProcess {
  private static final Logger LOG = LoggerFactory.getLogger(AgentProcess.class);

  private final Vertx vertx;
  private final AgentVerticle agent;
  private final PrometheusMeterRegistry registry;
  private final ConfigWatcher watcher;
  private final StatusServer status;

  private AgentProcess(
      Vertx vertx,
      AgentVerticle agent,
      PrometheusMeterRegistry registry,
      ConfigWatcher watcher,
      StatusServer status) {
    this.vertx = vertx;
    this.agent = agent;
    this.registry = registry;
    this.watcher = watcher;
    this.status = status;
  }

  /**
   * How to start: whether to poll on a timer and watch the config, and the overrides.
   *
   * @param configScan how often the watcher re-reads the config file in service mode
   */
  public record Options(
      boolean service, boolean dryRun, ConfigSource source, Backoff backoff, Duration configScan) {
    public static Options service(Path configFile, boolean dryRun) {
      return new Options(
          true,
          dryRun,
          ConfigSource.system(configFile),
          Backoff.standard(),
          ConfigWatcher.DEFAULT_SCAN_PERIOD);
    }

    public static Options once(Path configFile, boolean dryRun) {
      return new Options(
          false,
          dryRun,
          ConfigSource.system(configFile),
          Backoff.standard(),
          ConfigWatcher.DEFAULT_SCAN_PERIOD);
    }
  }

  /**
   * Loads the config and starts the agent. Fails with {@link InvalidConfigException} on a bad
   * config.
   */
  public static Future<AgentProcess> start(Vertx vertx, Path configFile, Options options) {
    return ConfigLoader.load(vertx, configFile, options.source())
        .compose(loaded -> start(vertx, configFile, options, loaded));
  }

  private static Future<AgentProcess> start(
      Vertx vertx, Path configFile, Options options, LoadedConfig loaded) {
    if (!options.service()) {
      // In service mode the config watcher logs the warnings when it starts.
      loaded.warnings().forEach(w -> LOG.warn("config: {}", w));
    }
    AgentConfig config = withOverrides(loaded.config(), options);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AgentMetrics metrics = new AgentMetrics(registry);
    AgentVerticle agent =
        new AgentVerticle(config, options.service(), Clock.systemUTC(), options.backoff(), metrics);
    ConfigWatcher watcher =
        options.service()
            ? new ConfigWatcher(vertx, configFile, options.source())
                .scanPeriod(options.configScan())
                .adjust(c -> withOverrides(c, options))
                .onChange(change -> applied(agent, metrics, change))
                .onRefusal(problems -> metrics.configReload(false))
            : null;
    StatusServer status =
        options.service() && config.http().enabled()
            ? new StatusServer(
                vertx,
                registry,
                agent::lastSummary,
                () -> agent.agentConfig().schedule().interval(),
                Clock.systemUTC())
            : null;
    return vertx
        .deployVerticle(agent)
        .compose(id -> watcher == null ? Future.succeededFuture() : watcher.start())
        .compose(v -> status == null ? Future.succeededFuture() : status.start(config.http()))
        .map(v -> new AgentProcess(vertx, agent, registry, watcher, status))
        .recover(
            err -> vertx.undeploy(agent.deploymentID()).transform(x -> Future.failedFuture(err)));
  }

  private static void applied(AgentVerticle agent, AgentMetrics metrics, ConfigChange change) {
    // The watcher has logged the change and every key that needs a restart.
    metrics.configReload(true);
    agent.offerConfig(change.current());
  }

  private static AgentConfig withOverrides(AgentConfig config, Options options) {
    return options.dryRun() ? config.withMode(Mode.DRY_RUN) : config;
  }

  public AgentVerticle agent() {
    return agent;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public ConfigWatcher watcher() {
    return watcher;
  }

  /** The status server's port, or -1 when it is off. */
  public int statusPort() {
    return status == null ? -1 : status.port();
  }

  public Future<CycleSummary> runCycle() {
    return agent.requestCycle();
  }

  /** Stops the agent (in-flight calls finish within a bound, state is saved). */
  public Future<Void> stop() {
    Future<Void> w = watcher == null ? Future.succeededFuture() : watcher.close();
    Future<Void> s = status == null ? Future.succeededFuture() : status.close();
    return Future.join(w, s).transform(x -> vertx.undeploy(agent.deploymentID()));
  }

  /** Waits for a Vert.x future from a plain thread: the commands' main thread. */
  static <T> T await(Future<T> future, long timeoutSeconds)
      throws InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture<T> done = future.toCompletionStage().toCompletableFuture();
    return done.get(timeoutSeconds, TimeUnit.SECONDS);
  }

  /** Prints every problem of a config that cannot be used. */
  static void printProblems(PrintStream err, Path file, InvalidConfigException e) {
    err.println(file + ": " + e.getMessage());
  }
}
