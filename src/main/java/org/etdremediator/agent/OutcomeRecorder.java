package org.etdremediator.agent;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.etdremediator.audit.AuditEntry;
import org.etdremediator.audit.AuditLog;
import org.etdremediator.config.AgentConfig;
import org.etdremediator.config.RemediationAction;
import org.etdremediator.etd.Conviction;
import org.etdremediator.ledger.FailedItem;
import org.etdremediator.ledger.PendingItem;
import org.etdremediator.ledger.Remediation;
import org.etdremediator.ledger.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes down what became of a conviction: the state store first, then the audit log, then the
 * metric and the log line. Each returned future completes once the outcome is on disk.
 */
final class OutcomeRecorder {
  // The lines keep the remediator's name: it is the one operators know from the log.
  private static final Logger LOG = LoggerFactory.getLogger(Remediator.class);

  private final AgentConfig config;
  private final StateStore store;
  private final AuditLog audit;
  private final AgentMetrics metrics;
  private final Clock clock;

  OutcomeRecorder(
      AgentConfig config, StateStore store, AuditLog audit, AgentMetrics metrics, Clock clock) {
    this.config = config;
    this.store = store;
    this.audit = audit;
    this.metrics = metrics;
    this.clock = clock;
  }

  Future<Remediator.Outcome> remediated(
      Conviction c, String note, RemediationAction action, int status, int attempts) {
    Instant now = clock.instant();
    Instant verdictAt = c.verdictAt() != null ? c.verdictAt() : c.receivedAt();
    Double seconds =
        verdictAt == null ? null : Duration.between(verdictAt, now).toMillis() / 1000.0;
    Remediation remediation =
        new Remediation(c.id(), now, c.verdict(), action.spelling(), status, attempts);
    return store
        .recordRemediated(remediation)
        .compose(v -> audit.append(entry(c, action, "remediated", note, status, attempts, seconds)))
        .map(
            v -> {
              metrics.outcome("remediated");
              if (seconds != null) {
                metrics.verdictToRemediation(Duration.ofMillis((long) (seconds * 1000)));
              }
              LOG.info(
                  "remediated {} {} verdict={} mailboxes={} action={} status={} attempts={}{}",
                  c.id(),
                  c.messageId(),
                  c.verdict(),
                  c.mailboxes(),
                  action.spelling(),
                  status,
                  attempts,
                  note == null ? "" : " (" + note + ")");
              return Remediator.Outcome.REMEDIATED;
            });
  }

  Future<Remediator.Outcome> dryRun(Conviction c, String note, RemediationAction action) {
    metrics.outcome("dry-run");
    LOG.info(
        "dry run: would remediate {} {} verdict={} mailboxes={} action={}",
        c.id(),
        c.messageId(),
        c.verdict(),
        c.mailboxes(),
        action.spelling());
    return audit
        .append(entry(c, action, "dry-run", note, 0, 0, null))
        .map(v -> Remediator.Outcome.DRY_RUN);
  }

  Future<Remediator.Outcome> failed(
      Remediator.Target t, RemediationAction action, int attempts, String why, int status) {
    Conviction c = t.conviction();
    LOG.error("giving up on {} {}: {}", c.id(), c.messageId(), why);
    metrics.outcome("failed");
    return store
        .recordFailed(new FailedItem(c, clock.instant(), attempts, why))
        .compose(v -> audit.append(entry(c, action, "failed", why, status, attempts, null)))
        .map(v -> Remediator.Outcome.FAILED);
  }

  Future<Remediator.Outcome> pending(
      Remediator.Target t, RemediationAction action, int attempts, String reason, int status) {
    Conviction c = t.conviction();
    Instant now = clock.instant();
    if (config.dryRun()) {
      // Nothing is kept in a dry run, but the audit log still says what would have been done.
      return audit
          .append(entry(c, action, "dry-run", "would keep pending: " + reason, status, 0, null))
          .map(v -> Remediator.Outcome.PENDING);
    }
    LOG.debug("keeping {} pending: {}", c.id(), reason);
    PendingItem item = new PendingItem(c, t.firstSeenAt(now), attempts, now, reason);
    // A message kept pending for the same reason as last cycle is no new decision: it is counted
    // and audited when it becomes pending, and again only when the reason changes.
    boolean news = t.pending() == null || !reason.equals(t.pending().lastError());
    if (news) {
      metrics.outcome("pending");
    }
    return store
        .recordPending(item)
        .compose(
            v ->
                news
                    ? audit.append(entry(c, action, "pending", reason, status, attempts, null))
                    : Future.succeededFuture())
        .map(v -> Remediator.Outcome.PENDING);
  }

  private AuditEntry entry(
      Conviction c,
      RemediationAction action,
      String outcome,
      String reason,
      int status,
      int attempts,
      Double seconds) {
    return new AuditEntry(
        clock.instant(),
        c.id(),
        c.messageId(),
        c.verdict(),
        c.mailboxes(),
        action.spelling(),
        outcome,
        reason,
        status,
        attempts,
        seconds);
  }
}
