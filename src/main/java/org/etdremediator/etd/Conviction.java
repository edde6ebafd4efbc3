package org.etdremediator.etd;

import java.time.Instant;
import java.util.List;

/**
 * A message ETD returned from a search, reduced to what remediation and filtering need.
 *
 * @param id ETD's id, the key for deduplication
 * @param receivedAt when the message was received (the search filters on this)
 * @param direction incoming, outgoing or internal; empty when ETD gave none
 * @param fromAddress the header From, empty when ETD gave none
 * @param mailboxes the mailboxes the message sits in, lower case, never null
 * @param messageId the Message-ID header with its angle brackets, empty when ETD gave none
 * @param subject the subject, empty when ETD gave none
 * @param verdict {@code verdict.latestVerdict}, else {@code verdict.category}, lower case
 * @param verdictAt when the verdict was given, null when ETD gave none
 * @param retro whether ETD convicted the message after delivery
 * @param autoRemediated whether ETD itself already moved the message
 */
public record Conviction(
    String id,
    Instant receivedAt,
    String direction,
    String fromAddress,
    List<String> mailboxes,
    String messageId,
    String subject,
    String verdict,
    Instant verdictAt,
    boolean retro,
    boolean autoRemediated) {

  public Conviction {
    mailboxes = List.copyOf(mailboxes);
  }

  /** The domain of the sender address, lower case, or empty. */
  public String senderDomain() {
    int at = fromAddress.lastIndexOf('@');
    return at < 0 ? "" : fromAddress.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
  }

  /** A copy that targets only the given mailboxes. */
  public Conviction withMailboxes(List<String> targets) {
    return new Conviction(
        id,
        receivedAt,
        direction,
        fromAddress,
        targets,
        messageId,
        subject,
        verdict,
        verdictAt,
        retro,
        autoRemediated);
  }
}
