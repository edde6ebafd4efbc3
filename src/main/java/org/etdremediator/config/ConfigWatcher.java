package org.etdremediator.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the config in force in step with the file. The file is re-read every scan period; once its
 * content changed and two scans in a row read the same new content, the new config is validated
 * and, if valid, applied and announced to the change listeners. An invalid or unreadable file is
 * refused: one log line per problem, the last good config stays in force, and the refusal listeners
 * hear of it.
 *
 * <p>Changes to {@code state.dir} and {@code http.*} are reported but kept at their running values
 * until a restart. Credential files named by {@code ...File} keys are re-read only when the config
 * file itself changes.
 */
public final class ConfigWatcher {
  public static final Duration DEFAULT_SCAN_PERIOD = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

  private final Vertx vertx;
  private final Path file;
  private final ConfigSource source;
  private final RawConfigReader reader;
  private final List<Consumer<ConfigChange>> changeListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<List<ConfigProblem>>> refusalListeners = new CopyOnWriteArrayList<>();
  private final AtomicLong reloads = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();

  private Duration scanPeriod = DEFAULT_SCAN_PERIOD;
  private UnaryOperator<AgentConfig> adjust = UnaryOperator.identity();
  private volatile AgentConfig current;
  private volatile List<String> warnings = List.of();

  private final ReloadNews news = new ReloadNews();

  // What the previous scan read, and what was last judged (applied or refused). A change is judged
  // only when two scans in a row agree, so a file caught half written is never applied; the same
  // refusal is logged once, not on every scan.
  private Reading lastRead;
  private Reading lastJudged;
  private long timer = -1;
  private volatile boolean closed;

  public ConfigWatcher(Vertx vertx, Path file, ConfigSource source) {
    this.vertx = vertx;
    this.file = file;
    this.source = source;
    this.reader = new RawConfigReader(vertx, file);
  }

  /** How often the file is re-read; {@link #DEFAULT_SCAN_PERIOD} unless set before start. */
  public ConfigWatcher scanPeriod(Duration period) {
    this.scanPeriod = Objects.requireNonNull(period);
    return this;
  }

  /**
   * Applied to every config read from the file before it takes effect, e.g. {@code c ->
   * c.withMode(Mode.DRY_RUN)} for a {@code --dry-run} given on the command line.
   */
  public ConfigWatcher adjust(UnaryOperator<AgentConfig> adjustment) {
    this.adjust = Objects.requireNonNull(adjustment);
    return this;
  }

  public ConfigWatcher onChange(Consumer<ConfigChange> listener) {
    changeListeners.add(listener);
    return this;
  }

  public ConfigWatcher onRefusal(Consumer<List<ConfigProblem>> listener) {
    refusalListeners.add(listener);
    return this;
  }

  /**
   * Loads the file for the first time, logs its warnings, and starts watching it. Fails with {@link
   * InvalidConfigException} when the file is not a valid config; then nothing is watched.
   */
  public Future<Void> start() {
    return reader
        .read()
        .compose(raw -> interpret(raw).map(loaded -> accept(raw, loaded)))
        .onSuccess(v -> scheduleScan());
  }

  /** The config in force; null before {@link #start()} succeeded. */
  public AgentConfig current() {
    return current;
  }

  /** The warnings of the config in force. */
  public List<String> warnings() {
    return warnings;
  }

  /** How many changed configs were applied since start. */
  public long reloads() {
    return reloads.get();
  }

  /** How many changed files were refused since start. */
  public long refusals() {
    return refusals.get();
  }

  public Future<Void> close() {
    closed = true;
    if (timer != -1) {
      vertx.cancelTimer(timer);
    }
    return Future.succeededFuture();
  }

  private Void accept(JsonObject raw, LoadedConfig loaded) {
    lastRead = new Reading(raw, List.of());
    lastJudged = lastRead;
    current = adjust.apply(loaded.config());
    warnings = loaded.warnings();
    warnings.forEach(LOG::warn);
    return null;
  }

  // Each scan is scheduled when the previous one ends, so a slow disk never stacks scans up.
  private void scheduleScan() {
    if (!closed) {
      timer = vertx.setTimer(Math.max(1, scanPeriod.toMillis()), id -> scan());
    }
  }

  private void scan() {
    scanNow().onComplete(ar -> scheduleScan());
  }

  /** One scan: reads the file and judges its content if it settled. Does not schedule the next. */
  Future<Void> scanNow() {
    return reader
        .read()
        .transform(
            ar ->
                judgeWhenSettled(
                    ar.succeeded()
                        ? new Reading(ar.result(), List.of())
                        : new Reading(null, problemsOf(ar.cause()))));
  }

  // An editor that writes in place, or a copy in progress, can leave the file briefly missing or
  // half written; what two scans read alike is what the writer meant.
  private Future<Void> judgeWhenSettled(Reading reading) {
    boolean settled = reading.equals(lastRead);
    lastRead = reading;
    if (closed || !settled || reading.equals(lastJudged)) {
      return Future.succeededFuture();
    }
    lastJudged = reading;
    if (reading.raw() == null) {
      refuse(reading.problems());
      return Future.succeededFuture();
    }
    return interpret(reading.raw())
        .map(this::apply)
        .otherwise(
            e -> {
              refuse(problemsOf(e));
              return null;
            });
  }

  private Future<LoadedConfig> interpret(JsonObject raw) {
    return vertx.executeBlocking(() -> ConfigLoader.interpret(raw, file, source), false);
  }

  private Void apply(LoadedConfig loaded) {
    if (closed) {
      return null;
    }
    AgentConfig previous = current;
    AgentConfig next = adjust.apply(loaded.config());
    Set<String> changed = EffectiveConfig.changedKeys(previous, next);
    ReloadNews.News told = news.of(previous, next, changed);
    if (told == null) {
      LOG.debug("config file changed, settings did not");
      return null;
    }

    Set<String> restart =
        changed.stream()
            .filter(ConfigChange::needsRestart)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    AgentConfig applied = keepRunningValues(previous, next);
    current = applied;
    warnings = loaded.warnings();
    reloads.incrementAndGet();

    LOG.info("{}", told.summary());
    told.restartKeys()
        .forEach(k -> LOG.warn("config key {} changed; restart the service to apply it", k));
    warnings.forEach(LOG::warn);
    ConfigChange change = new ConfigChange(previous, applied, changed, restart);
    for (Consumer<ConfigChange> listener : changeListeners) {
      notify(listener, change);
    }
    return null;
  }

  private List<ConfigProblem> problemsOf(Throwable failure) {
    if (failure instanceof InvalidConfigException e) {
      return e.problems();
    }
    LOG.debug("config reload failed", failure);
    return List.of(
        new ConfigProblem(
            file.toString(),
            "cannot be used: " + failure.getClass().getSimpleName() + " (see the debug log)"));
  }

  private void refuse(List<ConfigProblem> problems) {
    refusals.incrementAndGet();
    problems.forEach(p -> LOG.warn("config reload refused: {}", p));
    for (Consumer<List<ConfigProblem>> listener : refusalListeners) {
      notify(listener, problems);
    }
  }

  private static <T> void notify(Consumer<T> listener, T event) {
    try {
      listener.accept(event);
    } catch (RuntimeException e) {
      LOG.error("config listener failed", e);
    }
  }

  private static AgentConfig keepRunningValues(AgentConfig running, AgentConfig next) {
    StateSettings state = new StateSettings(running.state().dir(), next.state().retention());
    return new AgentConfig(
        next.etd(),
        next.sma(),
        next.schedule(),
        next.filters(),
        state,
        running.http(),
        next.mode());
  }

  /** One scan's result: the file's content, or the problems of a failed read. */
  private record Reading(JsonObject raw, List<ConfigProblem> problems) {}
}
