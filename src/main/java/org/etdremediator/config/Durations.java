package org.etdremediator.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the config file writes them: a number and a unit ({@code ms}, {@code s}, {@code m},
 * {@code h}, {@code d}), several of them combined from the largest unit down, as in {@code 1h30m}.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");
  private static final String[] UNITS = {"d", "h", "m", "s", "ms"};
  private static final String HINT = "write 30s, 5m, 1h or 7d; combine as 1h30m";

  private Durations() {}

  /**
   * Reads a duration such as {@code 30s} or {@code 1h30m}.
   *
   * @throws IllegalArgumentException saying what is wrong and how to write it instead
   */
  public static Duration parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("empty duration (" + HINT + ")");
    }
    if (trimmed.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "a duration needs a unit: '"
              + trimmed
              + "' (write "
              + trimmed
              + "s or "
              + trimmed
              + "m)");
    }

    Matcher m = PART.matcher(trimmed);
    Duration total = Duration.ZERO;
    int position = 0;
    int lastUnit = -1;
    while (position < trimmed.length()) {
      if (!m.find(position) || m.start() != position) {
        throw notADuration(trimmed);
      }
      int unit = unitIndex(m.group(2));
      // Units must come from the largest down, each once, so 1h30m has one reading.
      if (unit <= lastUnit) {
        throw notADuration(trimmed);
      }
      lastUnit = unit;
      total = plus(total, m.group(1), m.group(2), trimmed);
      position = m.end();
    }
    return total;
  }

  /** Writes a duration the way {@link #parse} reads it, e.g. {@code 1h30m}, {@code 0s}. */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    if (duration.isZero()) {
      return "0s";
    }

    StringBuilder out = new StringBuilder();
    long[] amounts = {
      duration.toDays(),
      duration.toHoursPart(),
      duration.toMinutesPart(),
      duration.toSecondsPart(),
      duration.toMillisPart()
    };
    for (int i = 0; i < UNITS.length; i++) {
      if (amounts[i] != 0) {
        out.append(amounts[i]).append(UNITS[i]);
      }
    }
    // Anything below a millisecond cannot come from the config file; show it rather than lose it.
    int nanos = duration.toNanosPart() % 1_000_000;
    if (nanos != 0) {
      out.append(nanos).append("ns");
    }
    return out.toString();
  }

  private static int unitIndex(String unit) {
    for (int i = 0; i < UNITS.length; i++) {
      if (UNITS[i].equals(unit)) {
        return i;
      }
    }
    throw new IllegalStateException(unit);
  }

  private static Duration plus(Duration total, String amount, String unit, String text) {
    try {
      long n = Long.parseLong(amount);
      Duration part =
          switch (unit) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMillis(n);
          };
      return total.plus(part);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("duration too long: '" + text + "' (" + HINT + ")");
    }
  }

  private static IllegalArgumentException notADuration(String text) {
    return new IllegalArgumentException("not a duration: '" + text + "' (" + HINT + ")");
  }
}
