package org.etdremediator.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One decision taken on a convicted message, as the audit log records it.
 *
 * @param outcome {@code remediated}, {@code failed}, {@code pending}, {@code skipped} or {@code
 *     dry-run}
 * @param reason why it was skipped, or the error; null when there is nothing to say
 * @param smaStatus the HTTP status the SMA answered, 0 when it was not asked
 * @param secondsToRemediate from the ETD verdict to the SMA's acceptance; null when unknown or not
 *     remediated
 */
public record AuditEntry(
    Instant time,
    String etdId,
    String messageId,
    String verdict,
    List<String> mailboxes,
    String action,
    String outcome,
    String reason,
    int smaStatus,
    int attempts,
    Double secondsToRemediate) {

  public static final String REMEDIATED = "remediated";
  public static final String FAILED = "failed";
  public static final String PENDING = "pending";
  public static final String SKIPPED = "skipped";
  public static final String DRY_RUN = "dry-run";

  public AuditEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(outcome, "outcome");
    mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
  }
}
