package org.etdremediator.agent;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.etdremediator.audit.AuditLog;
import org.etdremediator.config.AgentConfig;
import org.etdremediator.etd.EtdClient;
import org.etdremediator.ledger.Checkpoint;
import org.etdremediator.ledger.CycleSummary;
import org.etdremediator.ledger.StateStore;
import org.etdremediator.net.Backoff;
import org.etdremediator.sma.SmaClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent: owns the state directory and the two API clients, and runs one cycle at a time on a
 * periodic timer. A new config is taken in between cycles, so a cycle runs on one config from start
 * to end.
 */
public final class AgentVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AgentVerticle.class);
  // A call in flight at a stop gets its own timeout and a little more to finish and be recorded;
  // the bound stays under the unit's TimeoutStopSec=90, after which systemd kills.
  private static final Duration SHUTDOWN_SLACK = Duration.ofSeconds(5);
  private static final Duration SHUTDOWN_MAX = Duration.ofSeconds(80);
  private static final int SKIP_MEMORY = 200_000;
  private static final int COMPACT_EVERY = 30;

  private final boolean periodic;
  private final Clock clock;
  private final Backoff backoff;
  private final AgentMetrics metrics;
  // Listeners may be added from any thread while a cycle's end is being announced.
  private final List<Consumer<CycleSummary>> cycleListeners = new CopyOnWriteArrayList<>();
  private final Set<String> auditedSkips = new HashSet<>();
  private AgentConfig config;
  private AgentConfig clientsBuiltFor;
  private StateStore store;
  private AuditLog audit;
  private Quota quota;
  private CheckpointKeeper checkpoints;
  private EtdClient etd;
  private SmaClient sma;
  private long timerId = -1;
  private Future<CycleSummary> running;
  private CycleSummary lastSummary;
  private boolean retroForced = true;
  private Remediator current;
  private boolean stopping;
  private int cyclesSinceCompaction;

  /**
   * @param periodic whether to poll on the timer ({@code run}) or wait for {@link #runCycle()}
   *     ({@code once})
   */
  public AgentVerticle(
      AgentConfig config, boolean periodic, Clock clock, Backoff backoff, AgentMetrics metrics) {
    this.config = config;
    this.periodic = periodic;
    this.clock = clock;
    this.backoff = backoff;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    return StateStore.open(vertx, config.state().dir(), config.state().retention(), clock)
        .compose(
            opened -> {
              store = opened;
              store.warnings().forEach(w -> LOG.warn("state: {}", w));
              return AuditLog.open(vertx, config.state().dir().resolve("audit.jsonl"));
            })
        .map(
            log -> {
              audit = log;
              Checkpoint saved = store.checkpoint();
              quota =
                  new Quota(
                      clock, config.etd().dailyRequestQuota(), saved.quotaDay(), saved.quotaUsed());
              checkpoints = new CheckpointKeeper(store, quota, !config.dryRun());
              lastSummary = saved.lastCycle();
              metrics.gaugeState(store::remediatedCount, () -> store.pending().size());
              buildClients();
              LOG.info(
                  "agent started: {} remediated ids remembered, {} pending, checkpoint {}, mode {}",
                  store.remediatedCount(),
                  store.pending().size(),
                  saved.searchedUntil() == null ? "none (first start)" : saved.searchedUntil(),
                  config.mode().spelling());
              if (periodic) {
                schedule();
                vertx.runOnContext(v -> tick());
              }
              return null;
            });
  }

  /** Registers a listener, from any thread, called on the event loop after every cycle. */
  public void onCycle(Consumer<CycleSummary> listener) {
    cycleListeners.add(listener);
  }

  public CycleSummary lastSummary() {
    return lastSummary;
  }

  public StateStore store() {
    return store;
  }

  public AgentConfig agentConfig() {
    return config;
  }

  /**
   * Runs a cycle now, or returns the one already running. Must be called on this verticle's
   * context.
   */
  public Future<CycleSummary> runCycle() {
    if (running != null) {
      return running;
    }
    adoptConfig();
    Instant now = clock.instant();
    Checkpoint cp = checkpoints.current();
    int stretch = quota.retroStretch();
    boolean retroDue =
        stretch != Integer.MAX_VALUE
            && (retroForced
                || cp.lastRetroScanAt() == null
                || !now.isBefore(
                    cp.lastRetroScanAt()
                        .plus(config.schedule().retroInterval().multipliedBy(stretch))));
    retroForced = false;
    Remediator remediator = new Remediator(config, sma, store, audit, metrics, clock, () -> config);
    current = remediator;
    if (auditedSkips.size() > SKIP_MEMORY) {
      auditedSkips.clear();
    }
    Cycle cycle =
        new Cycle(
            config,
            etd,
            remediator,
            store,
            audit,
            metrics,
            clock,
            checkpoints,
            auditedSkips,
            () -> stopping,
            retroDue);
    Future<CycleSummary> current =
        cycle
            .run()
            .compose(summary -> maybeCompact().map(summary))
            .onComplete(
                done -> {
                  running = null;
                  if (done.succeeded()) {
                    lastSummary = done.result();
                    cycleListeners.forEach(l -> l.accept(done.result()));
                  } else {
                    LOG.error("cycle could not save its state: {}", done.cause().getMessage());
                  }
                });
    running = current;
    return current;
  }

  /** Runs a cycle on this verticle's context, from any thread. */
  public Future<CycleSummary> requestCycle() {
    Promise<CycleSummary> promise = Promise.promise();
    context.runOnContext(v -> runCycle().onComplete(promise));
    return promise.future();
  }

  /** Hands a new config to this verticle's context, from any thread. */
  public void offerConfig(AgentConfig next) {
    context.runOnContext(v -> applyConfig(next));
  }

  /**
   * Takes a new, already validated config. The timer period changes at once; everything else from
   * the next cycle on.
   */
  public void applyConfig(AgentConfig next) {
    AgentConfig before = config;
    if (!before.etd().verdicts().containsAll(next.etd().verdicts())) {
      // A verdict added later also matters for older messages: reach back at the next cycle.
      retroForced = true;
    }
    config = next;
    if (current != null && next.sma().concurrency() != before.sma().concurrency()) {
      current.setConcurrency(next.sma().concurrency());
      sma.setConcurrency(next.sma().concurrency());
    }
    if (periodic && !next.schedule().interval().equals(before.schedule().interval())) {
      schedule();
    }
    if (store != null) {
      store.setRetention(next.state().retention());
      quota.setLimit(next.etd().dailyRequestQuota());
      checkpoints.setPersist(!next.dryRun());
      if (before.dryRun() && !next.dryRun()) {
        // What the dry run saw was not acted on: search again from the saved checkpoint, and
        // reach back for the older convictions too.
        checkpoints.resetToSaved();
        retroForced = true;
      }
    }
    LOG.debug("config applied to the agent");
  }

  private void tick() {
    if (stopping) {
      return;
    }
    if (running != null) {
      LOG.debug("previous cycle still running; skipping this tick");
      return;
    }
    runCycle();
  }

  private void schedule() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    timerId = vertx.setPeriodic(config.schedule().interval().toMillis(), id -> tick());
  }

  private void adoptConfig() {
    if (clientsBuiltFor == null
        || !Objects.equals(clientsBuiltFor.etd(), config.etd())
        || !Objects.equals(clientsBuiltFor.sma(), config.sma())) {
      closeClients();
      buildClients();
    }
  }

  private void buildClients() {
    etd =
        new EtdClient(vertx, config.etd(), config.sma().maxAttempts(), clock, backoff, quota::count)
            .onCall(metrics.etdCalls());
    sma = new SmaClient(vertx, config.sma(), clock, backoff).onCall(metrics.smaCalls());
    clientsBuiltFor = config;
  }

  private void closeClients() {
    if (etd != null) {
      etd.close();
    }
    if (sma != null) {
      sma.close();
    }
  }

  /** Compacts the journal into a snapshot every so many cycles; closing compacts too. */
  private Future<Void> maybeCompact() {
    return ++cyclesSinceCompaction < COMPACT_EVERY
        ? Future.succeededFuture()
        : store.compact().onSuccess(v -> cyclesSinceCompaction = 0);
  }

  private Duration shutdownGrace() {
    Duration grace = config.sma().timeout().plus(SHUTDOWN_SLACK);
    return grace.compareTo(SHUTDOWN_MAX) > 0 ? SHUTDOWN_MAX : grace;
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    // No new call and no retry from here: what is not sent stays pending for the next start.
    if (etd != null) {
      etd.halt();
    }
    if (sma != null) {
      sma.halt();
    }
    LOG.info(
        "stopping: {}",
        running == null ? "no cycle running" : "letting the running cycle's calls finish");
    Future<?> inFlight = running == null ? Future.succeededFuture() : running;
    Promise<Void> drained = Promise.promise();
    inFlight
        .timeout(shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)
        .onComplete(
            done -> {
              if (done.failed()) {
                LOG.warn("stopping with calls still in flight: {}", done.cause().getMessage());
              }
              drained.complete();
            });
    return drained
        .future()
        .compose(v -> store == null ? Future.succeededFuture() : store.close())
        .compose(v -> audit == null ? Future.succeededFuture() : audit.close())
        .onComplete(
            v -> {
              closeClients();
              LOG.info("agent stopped; state saved");
            });
  }
}
