package org.etdremediator.agent;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.etdremediator.audit.AuditLog;
import org.etdremediator.config.AgentConfig;
import org.etdremediator.config.Durations;
import org.etdremediator.config.RemediationAction;
import org.etdremediator.config.SmaSettings;
import org.etdremediator.etd.Conviction;
import org.etdremediator.ledger.PendingItem;
import org.etdremediator.ledger.StateStore;
import org.etdremediator.net.Bulkhead;
import org.etdremediator.net.Retrier;
import org.etdremediator.sma.RemediationBatch;
import org.etdremediator.sma.RemediationBatch.MessageDetail;
import org.etdremediator.sma.SmaClient;
import org.etdremediator.sma.TrackingHit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes qualifying convictions through tracking lookup and remediation, and records each outcome in
 * the state store and the audit log before reporting it: once a returned future completes, the
 * outcome is on disk.
 */
final class Remediator {
  private static final Logger LOG = LoggerFactory.getLogger(Remediator.class);

  private final AgentConfig config;
  private final SmaClient sma;
  private final OutcomeRecorder recorder;
  private final Clock clock;
  private final Bulkhead sending;
  private final Supplier<AgentConfig> latest;
  private int failedCalls;
  private Throwable lastFailure;

  Remediator(
      AgentConfig config,
      SmaClient sma,
      StateStore store,
      AuditLog audit,
      AgentMetrics metrics,
      Clock clock,
      Supplier<AgentConfig> latest) {
    this.latest = latest;
    this.config = config;
    this.sma = sma;
    this.recorder = new OutcomeRecorder(config, store, audit, metrics, clock);
    this.clock = clock;
    this.sending = new Bulkhead(config.sma().concurrency());
  }

  /** A conviction to remediate; {@code pending} is its earlier state when it was kept pending. */
  record Target(Conviction conviction, PendingItem pending) {
    Instant firstSeenAt(Instant now) {
      return pending == null ? now : pending.firstSeenAt();
    }

    int attempts() {
      return pending == null ? 0 : pending.attempts();
    }
  }

  enum Outcome {
    REMEDIATED("remediated"),
    PENDING("pending"),
    FAILED("failed"),
    DRY_RUN("dry-run");

    final String word;

    Outcome(String word) {
      this.word = word;
    }
  }

  private record Ready(Target target, MessageDetail detail, String note) {}

  /** Takes every target to an outcome; the future fails only when an outcome cannot be saved. */
  Future<List<Outcome>> handle(List<Target> targets) {
    if (config.sma().messagesPerRequest() == 1) {
      // Nothing to batch: each message goes out as soon as its own lookup is back.
      List<Future<List<Outcome>>> each = new ArrayList<>();
      for (Target t : targets) {
        each.add(
            prepare(t)
                .compose(
                    p ->
                        p instanceof Ready r
                            ? send(List.of(r))
                            : Future.succeededFuture(List.of((Outcome) p))));
      }
      return Future.all(each).map(f -> flatten(each));
    }
    List<Future<Object>> prepared = new ArrayList<>();
    for (Target t : targets) {
      prepared.add(prepare(t));
    }
    return Future.all(prepared)
        .compose(
            all -> {
              List<Future<List<Outcome>>> done = new ArrayList<>();
              List<Ready> ready = new ArrayList<>();
              for (Future<Object> f : prepared) {
                if (f.result() instanceof Ready r) {
                  ready.add(r);
                } else {
                  done.add(Future.succeededFuture(List.of((Outcome) f.result())));
                }
              }
              for (List<Ready> chunk : chunks(ready)) {
                done.add(send(chunk));
              }
              return Future.all(done).map(f -> flatten(done));
            });
  }

  /** A Ready when the message can be sent now, else the outcome already recorded. */
  private Future<Object> prepare(Target t) {
    Conviction c = t.conviction();
    SmaSettings s = config.sma();
    if (!s.trackingLookup()) {
      return Future.succeededFuture(new Ready(t, fromEtd(c), null));
    }
    Instant now = clock.instant();
    Instant received = c.receivedAt() != null ? c.receivedAt() : now.minus(Duration.ofDays(1));
    return sma.track(c.messageId(), received)
        .compose(
            hit -> {
              if (hit.isPresent()) {
                return Future.succeededFuture(new Ready(t, fromTracking(c, hit.get()), null));
              }
              Duration waited = Duration.between(t.firstSeenAt(now), now);
              if (waited.compareTo(s.trackingTimeout()) >= 0) {
                String note =
                    "sent without tracking data: not in SMA message tracking after "
                        + Durations.format(waited.truncatedTo(ChronoUnit.SECONDS));
                return Future.succeededFuture(new Ready(t, fromEtd(c), note));
              }
              return keepPending(t, t.attempts(), "not yet in SMA message tracking", 0);
            },
            err ->
                keepOrFail(
                    t, t.attempts(), "message tracking failed: " + err.getMessage(), 0, err));
  }

  private Future<List<Outcome>> send(List<Ready> chunk) {
    RemediationAction action = actionOf(chunk.get(0).target());
    RemediationBatch batch =
        new RemediationBatch(
            action, config.sma().forwardTo(), chunk.stream().map(Ready::detail).toList());
    if (config.dryRun()) {
      return each(chunk, r -> recordDryRun(r, action));
    }
    // A remediation keeps its place from the request until its outcome is on disk, so a kill finds
    // at most sma.concurrency calls the SMA may have accepted unrecorded: the ones sent again.
    return sending
        .run(() -> remediate(chunk, batch, action))
        // The SMA refused the batch as a whole; one bad message must not hold back the others,
        // so each is sent on its own, once the batch's place is free again.
        .recover(
            err ->
                err instanceof RefusedBatch
                    ? each(chunk, r -> send(List.of(r)).map(one -> one.get(0)))
                    : Future.failedFuture(err));
  }

  /**
   * Whether every message of a call would still be sent, to the same mailboxes, under the config in
   * force now: a reload that excludes a mailbox or a sender stops a retry that was waiting.
   */
  private boolean stillQualifies(List<Ready> chunk) {
    AgentConfig now = latest.get();
    if (now == config) {
      return true;
    }
    for (Ready r : chunk) {
      Conviction c = r.target().conviction();
      Filters.Decision d = Filters.decide(c, now.etd().verdicts(), now.filters());
      if (d.skipped() || !d.target().mailboxes().equals(c.mailboxes())) {
        LOG.info(
            "{} {}: not sent, the new config no longer sends it as it was", c.id(), c.messageId());
        return false;
      }
    }
    return true;
  }

  private static final class RefusedBatch extends RuntimeException {
    RefusedBatch() {
      super("the SMA refused the batch", null, false, false);
    }
  }

  private Future<List<Outcome>> remediate(
      List<Ready> chunk, RemediationBatch batch, RemediationAction action) {
    return sma.remediate(batch, () -> stillQualifies(chunk))
        .compose(
            accepted -> each(chunk, r -> recordRemediated(r, action, accepted)),
            err -> {
              int status = 0;
              int attempts = 1;
              if (err instanceof Retrier.AttemptsExhausted ex) {
                status = ex.last().status();
                attempts = ex.attempts();
              }
              if (status == 400 && chunk.size() > 1) {
                LOG.warn(
                    "the SMA refused a batch of {} ({}); sending its messages one by one",
                    chunk.size(),
                    err.getMessage());
                return Future.failedFuture(new RefusedBatch());
              }
              int tried = attempts;
              int code = status;
              return each(
                  chunk,
                  r ->
                      keepOrFail(
                              r.target(),
                              r.target().attempts() + tried,
                              "remediation failed: " + err.getMessage(),
                              code,
                              err)
                          .map(o -> (Outcome) o));
            });
  }

  private Future<Outcome> recordRemediated(
      Ready r, RemediationAction action, SmaClient.Accepted accepted) {
    return recorder.remediated(
        r.target().conviction(),
        r.note(),
        action,
        accepted.status(),
        r.target().attempts() + accepted.attempts());
  }

  private Future<Outcome> recordDryRun(Ready r, RemediationAction action) {
    return recorder.dryRun(r.target().conviction(), r.note(), action);
  }

  /** How many SMA calls of this cycle failed for good, after their retries. */
  int failedCalls() {
    return failedCalls;
  }

  /** The last of those failures, or null. */
  Throwable lastFailure() {
    return lastFailure;
  }

  /** Changes how many remediations may be under way at once, for a reload mid-cycle. */
  void setConcurrency(int limit) {
    sending.setLimit(limit);
  }

  /**
   * Keeps the target pending after a failed SMA call, or records it failed once {@code
   * sma.giveUpAfter} has passed.
   */
  private Future<Object> keepOrFail(
      Target t, int attempts, String reason, int status, Throwable failure) {
    failedCalls++;
    lastFailure = failure;
    Instant now = clock.instant();
    Duration waited = Duration.between(t.firstSeenAt(now), now);
    // A dry run writes nothing but the audit log, so it never records a failure either.
    if (config.dryRun() || waited.compareTo(config.sma().giveUpAfter()) < 0) {
      return keepPending(t, attempts, reason, status);
    }
    String why =
        reason + "; gave up after " + Durations.format(waited.truncatedTo(ChronoUnit.SECONDS));
    return recorder.failed(t, actionOf(t), attempts, why, status).map(o -> o);
  }

  private Future<Object> keepPending(Target t, int attempts, String reason, int status) {
    return recorder.pending(t, actionOf(t), attempts, reason, status).map(o -> o);
  }

  private RemediationAction actionOf(Target t) {
    return config.sma().actionFor(t.conviction().verdict());
  }

  private MessageDetail fromEtd(Conviction c) {
    SmaSettings s = config.sma();
    Instant sent = c.receivedAt() != null ? c.receivedAt() : clock.instant();
    return new MessageDetail(
        List.of(s.placeholderMid()),
        c.messageId(),
        c.fromAddress(),
        c.mailboxes(),
        c.subject(),
        s.esaSerialNumber(),
        sent.getEpochSecond());
  }

  private MessageDetail fromTracking(Conviction c, TrackingHit hit) {
    Instant sent =
        Optional.ofNullable(hit.sentAt())
            .or(() -> Optional.ofNullable(c.receivedAt()))
            .orElse(clock.instant());
    return new MessageDetail(
        hit.mids(),
        c.messageId(),
        c.fromAddress(),
        c.mailboxes(),
        c.subject(),
        hit.serialNumber(),
        sent.getEpochSecond());
  }

  /** Ready messages grouped by action, at most {@code sma.messagesPerRequest} a group. */
  private List<List<Ready>> chunks(List<Ready> ready) {
    Map<RemediationAction, List<Ready>> byAction = new LinkedHashMap<>();
    for (Ready r : ready) {
      byAction.computeIfAbsent(actionOf(r.target()), a -> new ArrayList<>()).add(r);
    }
    int size = config.sma().messagesPerRequest();
    List<List<Ready>> out = new ArrayList<>();
    for (List<Ready> group : byAction.values()) {
      for (int i = 0; i < group.size(); i += size) {
        out.add(group.subList(i, Math.min(group.size(), i + size)));
      }
    }
    return out;
  }

  private static Future<List<Outcome>> each(
      List<Ready> chunk, java.util.function.Function<Ready, Future<Outcome>> record) {
    List<Future<Outcome>> all = chunk.stream().map(record).toList();
    return Future.all(all).map(f -> all.stream().map(Future::result).toList());
  }

  private static List<Outcome> flatten(List<Future<List<Outcome>>> done) {
    List<Outcome> out = new ArrayList<>();
    done.forEach(f -> out.addAll(f.result()));
    return out;
  }
}
