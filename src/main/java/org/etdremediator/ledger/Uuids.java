package org.etdremediator.ledger;

/**
 * Reads UUIDs in the one spelling that survives a round trip through {@link java.util.UUID}: 36
 * characters, lower-case hex, dashes at 8, 13, 18 and 23. {@code UUID.fromString} accepts other
 * spellings too, and an id must come back exactly as it went in.
 */
final class Uuids {

  private Uuids() {}

  static boolean isCanonical(String s) {
    if (s == null || s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean ok =
          (i == 8 || i == 13 || i == 18 || i == 23)
              ? c == '-'
              : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static long msb(String s) {
    return hex(s, 0, 8) << 32 | hex(s, 9, 13) << 16 | hex(s, 14, 18);
  }

  static long lsb(String s) {
    return hex(s, 19, 23) << 48 | hex(s, 24, 36);
  }

  private static long hex(String s, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      v = v << 4 | Character.digit(s.charAt(i), 16);
    }
    return v;
  }
}
