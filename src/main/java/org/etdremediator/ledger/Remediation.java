package org.etdremediator.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * When and how a convicted message was remediated.
 *
 * @param etdId ETD's id of the message
 * @param at when the SMA accepted the remediation request
 * @param verdict the verdict the message was remediated for
 * @param action the SMA action, spelled as in the SMA API ({@code delete}, {@code fwdDelete}, ...)
 * @param smaStatus the HTTP status the SMA answered
 * @param attempts how many requests it took
 */
public record Remediation(
    String etdId, Instant at, String verdict, String action, int smaStatus, int attempts) {

  public Remediation {
    Objects.requireNonNull(etdId, "etdId");
    Objects.requireNonNull(at, "at");
    verdict = verdict == null ? "" : verdict;
    action = action == null ? "" : action;
  }
}
