package org.etdremediator.sim;

import java.time.Duration;
import java.util.Random;

/**
 * A seeded source of random faults. The same seed and the same order of requests give the same
 * faults, so a failing chaos run can be replayed.
 */
final class Chaos {

  private static final int[] SERVER_ERRORS = {500, 502, 503, 504};

  private final Random random;
  private final double probability;
  private final Duration maxLatency;

  Chaos(long seed, double probability, Duration maxLatency) {
    if (probability < 0 || probability > 1) {
      throw new IllegalArgumentException("probability must lie in [0, 1]: " + probability);
    }
    this.random = new Random(seed);
    this.probability = probability;
    this.maxLatency = maxLatency.isNegative() ? Duration.ZERO : maxLatency;
  }

  /** The fault for the next request, or null when it is served normally. */
  Fault next() {
    if (random.nextDouble() >= probability) {
      return null;
    }
    int pick = random.nextInt(6);
    return switch (pick) {
      case 0, 1 -> Fault.latency(Duration.ofMillis(randomMillis()));
      case 2 -> Fault.status(429);
      case 3 -> Fault.status(SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)]);
      case 4 -> Fault.drop();
      default -> Fault.garbage();
    };
  }

  private long randomMillis() {
    long max = maxLatency.toMillis();
    return max <= 0 ? 0 : 1 + (long) (random.nextDouble() * max);
  }
}
