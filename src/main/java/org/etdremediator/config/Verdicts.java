package org.etdremediator.config;

import java.util.List;

/** The verdict spellings ETD uses, exactly as its API writes them. */
public final class Verdicts {
  /** The verdicts that convict a message; the default of {@code etd.verdicts}. */
  public static final List<String> CONVICTIONS = List.of("bec", "scam", "phishing", "malicious");

  /** Every verdict ETD can give; {@code etd.verdicts} may name only these. */
  public static final List<String> ALL =
      List.of("bec", "scam", "phishing", "malicious", "spam", "graymail", "neutral", "noVerdict");

  private Verdicts() {}
}
