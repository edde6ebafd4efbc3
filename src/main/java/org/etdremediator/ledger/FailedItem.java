package org.etdremediator.ledger;

import java.time.Instant;
import java.util.Objects;
import org.etdremediator.etd.Conviction;

/**
 * A conviction the agent gave up on; it stays on record for the operator until retention expires.
 *
 * @param conviction the message as ETD reported it
 * @param failedAt when the agent gave up
 * @param attempts remediation requests sent in all
 * @param reason why, in words for the operator
 */
public record FailedItem(Conviction conviction, Instant failedAt, int attempts, String reason) {

  public FailedItem {
    Objects.requireNonNull(conviction, "conviction");
    Objects.requireNonNull(failedAt, "failedAt");
    reason = reason == null ? "" : reason;
  }

  public String etdId() {
    return conviction.id();
  }
}
