package org.etdremediator.agent;

import java.util.List;
import java.util.Locale;
import org.etdremediator.config.FilterSettings;
import org.etdremediator.etd.Conviction;

/** Decides which convictions qualify for remediation and which of their mailboxes to clean. */
public final class Filters {
  private Filters() {}

  /** A conviction to remediate (with the mailboxes left to clean), or the reason to skip it. */
  public record Decision(Conviction target, String skipReason) {
    static Decision skip(String reason) {
      return new Decision(null, reason);
    }

    public boolean skipped() {
      return target == null;
    }
  }

  /** The excluded domain that {@code domain} is or lies under, or null. */
  private static String excludedDomain(String domain, FilterSettings filters) {
    for (String d = domain; !d.isEmpty(); ) {
      if (filters.excludeSenderDomains().contains(d)) {
        return d;
      }
      int dot = d.indexOf('.');
      d = dot < 0 ? "" : d.substring(dot + 1);
    }
    return null;
  }

  public static Decision decide(Conviction c, List<String> verdicts, FilterSettings filters) {
    if (!verdicts.contains(c.verdict())) {
      return Decision.skip("verdict '" + c.verdict() + "' is not configured for remediation");
    }
    if (!filters.directions().contains(c.direction())) {
      String direction = c.direction().isEmpty() ? "unknown" : c.direction();
      return Decision.skip("direction " + direction + " is filtered");
    }
    if (filters.skipIfEtdRemediated() && c.autoRemediated()) {
      return Decision.skip("already remediated by ETD");
    }
    String domain = c.senderDomain();
    String excluded = excludedDomain(domain, filters);
    if (excluded != null) {
      String under = excluded.equals(domain) ? "" : " (under " + excluded + ")";
      return Decision.skip("sender domain " + domain + " is excluded" + under);
    }
    if (c.mailboxes().isEmpty()) {
      return Decision.skip("ETD lists no mailbox for the message");
    }
    List<String> targets =
        c.mailboxes().stream()
            .filter(m -> !filters.excludeMailboxes().contains(m.toLowerCase(Locale.ROOT)))
            .toList();
    if (targets.isEmpty()) {
      return Decision.skip("every mailbox is excluded");
    }
    if (c.messageId().isEmpty()) {
      return Decision.skip("ETD gives no Message-ID, which the SMA needs to find the message");
    }
    return new Decision(c.withMailboxes(targets), null);
  }
}
