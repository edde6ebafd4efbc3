package org.etdremediator.ledger;

import java.time.Instant;
import java.util.Objects;
import org.etdremediator.etd.Conviction;

/**
 * A conviction the agent has taken on but not yet remediated: tracking has not found it yet, or the
 * SMA refused or could not be reached.
 *
 * @param conviction the message as ETD reported it
 * @param firstSeenAt when the agent first decided to remediate it
 * @param attempts remediation requests sent so far
 * @param lastAttemptAt when the last request was sent, null before the first
 * @param lastError why the last attempt did not succeed, null when there was none
 */
public record PendingItem(
    Conviction conviction,
    Instant firstSeenAt,
    int attempts,
    Instant lastAttemptAt,
    String lastError) {

  public PendingItem {
    Objects.requireNonNull(conviction, "conviction");
    Objects.requireNonNull(firstSeenAt, "firstSeenAt");
  }

  public String etdId() {
    return conviction.id();
  }
}
