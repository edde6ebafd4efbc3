package org.etdremediator.agent;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.etdremediator.audit.AuditEntry;
import org.etdremediator.audit.AuditLog;
import org.etdremediator.config.AgentConfig;
import org.etdremediator.etd.Conviction;
import org.etdremediator.etd.ConvictionParser;
import org.etdremediator.etd.EtdClient;
import org.etdremediator.etd.SearchWindow;
import org.etdremediator.ledger.Checkpoint;
import org.etdremediator.ledger.CycleSummary;
import org.etdremediator.ledger.FailedItem;
import org.etdremediator.ledger.PendingItem;
import org.etdremediator.ledger.StateStore;
import org.etdremediator.net.CallFailure;
import org.etdremediator.net.Retrier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll: the pending items first, then every page of the planned windows, each qualifying
 * conviction taken to an outcome. The checkpoint moves past a window only once every message of it
 * is remediated, skipped, or safely pending.
 */
final class Cycle {
  private static final Logger LOG = LoggerFactory.getLogger(Cycle.class);

  private final AgentConfig config;
  private final EtdClient etd;
  private final Remediator remediator;
  private final StateStore store;
  private final AuditLog audit;
  private final AgentMetrics metrics;
  private final Clock clock;
  private final CheckpointKeeper checkpoints;
  private final Set<String> auditedSkips;
  private final BooleanSupplier stopping;
  private final boolean retroDue;
  private final Tally tally = new Tally();
  private final Set<String> seen = new HashSet<>();
  private final Set<String> failedIds = new HashSet<>();
  private boolean interrupted;

  Cycle(
      AgentConfig config,
      EtdClient etd,
      Remediator remediator,
      StateStore store,
      AuditLog audit,
      AgentMetrics metrics,
      Clock clock,
      CheckpointKeeper checkpoints,
      Set<String> auditedSkips,
      BooleanSupplier stopping,
      boolean retroDue) {
    this.config = config;
    this.etd = etd;
    this.remediator = remediator;
    this.store = store;
    this.audit = audit;
    this.metrics = metrics;
    this.clock = clock;
    this.checkpoints = checkpoints;
    this.auditedSkips = auditedSkips;
    this.stopping = stopping;
    this.retroDue = retroDue;
  }

  /** Runs the cycle; the summary says whether it succeeded. Fails only if state cannot be saved. */
  Future<CycleSummary> run() {
    Instant started = clock.instant();
    Checkpoint checkpoint = checkpoints.current();
    SearchPlan plan =
        SearchPlan.make(started, checkpoint.searchedUntil(), config.schedule(), retroDue);
    if (plan.unreachable() != null) {
      LOG.error(
          "cannot search {}: ETD keeps only {} days of messages; convictions received then are"
              + " not remediated by this agent",
          plan.unreachable(),
          SearchWindow.MAX_REACH.toDays());
    }
    store.failed().stream().map(FailedItem::conviction).map(Conviction::id).forEach(failedIds::add);
    Future<Void> pendingDone = retryPending();
    Future<Void> regular = searchAll(plan.regular(), true);
    Future<Void> retro =
        regular.compose(
            v ->
                searchAll(plan.retro(), false)
                    .compose(
                        w ->
                            plan.retro().isEmpty() || interrupted
                                ? Future.succeededFuture()
                                : checkpoints.retroScanned(started)));
    return Future.join(pendingDone, retro)
        .transform(done -> finish(started, plan, done.failed() ? done.cause() : null));
  }

  private Future<CycleSummary> finish(Instant started, SearchPlan plan, Throwable error) {
    Instant finished = clock.instant();
    if (error == null && remediator.failedCalls() > 0) {
      // The messages are safe on disk, but the SMA did not take them: not a cycle to call good.
      error =
          new IllegalStateException(
              remediator.failedCalls()
                  + " SMA call(s) failed after their retries; last: "
                  + remediator.lastFailure().getMessage(),
              remediator.lastFailure());
    }
    boolean ok = error == null && !interrupted;
    String reason =
        error == null ? (interrupted ? "stopped before the end" : null) : error.getMessage();
    CycleSummary summary =
        new CycleSummary(
            started,
            finished,
            tally.found,
            tally.remediated,
            tally.skipped,
            tally.pending,
            tally.failed,
            ok,
            reason);
    metrics.cycle(ok);
    String took = String.format("%.1f s", Duration.between(started, finished).toMillis() / 1000.0);
    String searched =
        plan.regular().isEmpty()
            ? "nothing new to search"
            : "searched " + new SearchWindow(plan.regular().get(0).from(), plan.to());
    if (!plan.retro().isEmpty()) {
      searched +=
          " and retro "
              + new SearchWindow(
                  plan.retro().get(0).from(), plan.retro().get(plan.retro().size() - 1).to());
    }
    if (ok) {
      LOG.info("cycle done in {}: {}; {} in {} pages", took, tally, searched, tally.pages);
    } else if (needsPerson(error)) {
      LOG.error("cycle failed after {}: {}; {}; {}", took, reason, tally, searched);
    } else {
      LOG.warn("cycle failed after {}: {}; {}; {}", took, reason, tally, searched);
    }
    return checkpoints.cycleFinished(summary).map(v -> summary);
  }

  /** A refusal of the credentials does not go away by waiting: someone has to fix the config. */
  private static boolean needsPerson(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      CallFailure failure =
          t instanceof Retrier.AttemptsExhausted ex
              ? ex.last()
              : t instanceof CallFailure f ? f : null;
      if (failure != null
          && !failure.retryable()
          && (failure.status() == 401 || failure.status() == 403)) {
        return true;
      }
    }
    return false;
  }

  private Future<Void> retryPending() {
    List<Remediator.Target> targets = new ArrayList<>();
    List<Future<Void>> dropped = new ArrayList<>();
    for (PendingItem item : store.pending()) {
      Conviction c = item.conviction();
      if (!seen.add(c.id()) || store.isRemediated(c.id())) {
        continue;
      }
      Filters.Decision d = Filters.decide(c, config.etd().verdicts(), config.filters());
      if (d.skipped()) {
        // The config changed under it: it will never be sent, so it leaves the pending list,
        // closed with its reason where an operator sees it.
        LOG.info("{} {} no longer qualifies: {}", c.id(), c.messageId(), d.skipReason());
        dropped.add(
            skip(c, d.skipReason())
                .compose(
                    v ->
                        store.recordFailed(
                            new FailedItem(
                                c,
                                clock.instant(),
                                item.attempts(),
                                "not sent, no longer qualifies: " + d.skipReason()))));
        continue;
      }
      targets.add(new Remediator.Target(d.target(), item));
    }
    Future<Void> handled =
        targets.isEmpty() ? Future.succeededFuture() : track(remediator.handle(targets));
    return Future.all(handled, Future.all(dropped)).mapEmpty();
  }

  /** Searches the slices one after another, stopping at the first that fails. */
  private Future<Void> searchAll(List<SearchWindow> slices, boolean movesCheckpoint) {
    Future<Void> chain = Future.succeededFuture();
    for (SearchWindow slice : slices) {
      chain =
          chain.compose(
              v -> {
                if (stopping.getAsBoolean() || interrupted) {
                  interrupted = true;
                  return Future.succeededFuture();
                }
                return searchSlice(slice, movesCheckpoint);
              });
    }
    return chain;
  }

  private Future<Void> searchSlice(SearchWindow slice, boolean movesCheckpoint) {
    List<Future<Void>> work = new ArrayList<>();
    return etd.search(
            slice,
            config.etd().verdicts(),
            page -> {
              tally.pages++;
              if (stopping.getAsBoolean()) {
                interrupted = true;
                return;
              }
              work.add(handlePage(page));
            })
        .transform(searched -> afterPages(searched, work))
        .compose(
            v ->
                movesCheckpoint && !interrupted
                    ? checkpoints.searched(slice.to())
                    : Future.succeededFuture());
  }

  /**
   * Waits for every page handed over, also when the search failed part way: the cycle must not end,
   * nor the state close, while their SMA calls are in flight. Fails with the search's failure, else
   * with a page's.
   */
  private static Future<Void> afterPages(AsyncResult<?> searched, List<Future<Void>> work) {
    return Future.join(work)
        .transform(
            handled -> {
              Throwable error = searched.failed() ? searched.cause() : handled.cause();
              return error == null ? Future.succeededFuture() : Future.failedFuture(error);
            });
  }

  private Future<Void> handlePage(List<ConvictionParser.Parsed> page) {
    List<Remediator.Target> targets = new ArrayList<>();
    List<Future<Void>> skips = new ArrayList<>();
    for (ConvictionParser.Parsed parsed : page) {
      if (!parsed.ok()) {
        tally.skipped++;
        LOG.warn("skipping an unreadable ETD message: {}", parsed.problem());
        continue;
      }
      Conviction c = parsed.conviction();
      if (!seen.add(c.id())) {
        continue;
      }
      tally.found++;
      metrics.found(c.verdict());
      if (store.isRemediated(c.id()) || failedIds.contains(c.id())) {
        tally.known++;
        continue;
      }
      Filters.Decision d = Filters.decide(c, config.etd().verdicts(), config.filters());
      if (d.skipped()) {
        skips.add(skip(c, d.skipReason()));
      } else {
        targets.add(new Remediator.Target(d.target(), null));
      }
    }
    Future<Void> handled =
        targets.isEmpty() ? Future.succeededFuture() : track(remediator.handle(targets));
    return Future.all(handled, Future.all(skips)).mapEmpty();
  }

  private Future<Void> track(Future<List<Remediator.Outcome>> outcomes) {
    return outcomes.map(
        list -> {
          list.forEach(tally::add);
          return null;
        });
  }

  /** Audits a skip once per process; the overlap of windows would otherwise repeat it. */
  private Future<Void> skip(Conviction c, String reason) {
    tally.skipped++;
    metrics.outcome("skipped");
    if (!auditedSkips.add(c.id())) {
      return Future.succeededFuture();
    }
    LOG.debug("skipping {} {}: {}", c.id(), c.messageId(), reason);
    String action = config.sma().actionFor(c.verdict()).spelling();
    return audit.append(
        new AuditEntry(
            clock.instant(),
            c.id(),
            c.messageId(),
            c.verdict(),
            c.mailboxes(),
            action,
            "skipped",
            reason,
            0,
            0,
            null));
  }
}
