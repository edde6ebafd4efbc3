package org.etdremediator.ledger;

import java.util.List;

/**
 * Packs a remediation's verdict and action into one byte, so that a million ledger entries stay
 * small. A verdict or action outside these lists is kept at full length instead.
 */
final class RemediationCodes {

  /** Every verdict ETD documents, in a fixed order: the index is written to disk. */
  private static final List<String> VERDICTS =
      List.of(
          "", "bec", "scam", "phishing", "malicious", "spam", "graymail", "neutral", "noVerdict");

  /** Every SMA action, in a fixed order: the index is written to disk. */
  private static final List<String> ACTIONS = List.of("", "delete", "forward", "fwdDelete");

  static final int NONE = -1;

  private RemediationCodes() {}

  /** The code for this pair, or {@link #NONE} when either is not in the lists. */
  static int encode(String verdict, String action) {
    int v = VERDICTS.indexOf(verdict);
    int a = ACTIONS.indexOf(action);
    return v < 0 || a < 0 ? NONE : (v << 4) | a;
  }

  static boolean valid(int code) {
    return ((code & 0xff) >>> 4) < VERDICTS.size() && (code & 0xf) < ACTIONS.size();
  }

  static String verdict(int code) {
    return VERDICTS.get((code & 0xff) >>> 4);
  }

  static String action(int code) {
    return ACTIONS.get(code & 0xf);
  }
}
