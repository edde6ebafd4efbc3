package org.etdremediator.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The faults a simulator applies to incoming requests. Safe to change from any thread while the
 * simulator runs.
 *
 * <p>For each request the first of these that applies wins: a queued fault for its endpoint, a
 * queued fault for {@link Endpoint#ANY}, a standing fault for its endpoint, a standing fault for
 * {@code ANY}, chaos.
 */
public final class Faults {

  private final Map<Endpoint, Deque<Fault>> queued = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Fault> standing = new EnumMap<>(Endpoint.class);
  private Chaos chaos;
  private int injected;

  /** The next {@code times} requests to {@code endpoint} get {@code fault}, after those queued. */
  public synchronized void next(Endpoint endpoint, Fault fault, int times) {
    Objects.requireNonNull(fault, "fault");
    Deque<Fault> queue = queued.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      queue.addLast(fault);
    }
  }

  /** Every request to {@code endpoint} gets {@code fault} until {@link #clear()}. */
  public synchronized void always(Endpoint endpoint, Fault fault) {
    standing.put(endpoint, Objects.requireNonNull(fault, "fault"));
  }

  /**
   * With {@code probability}, each request on every endpoint gets a random latency up to {@code
   * maxLatency}, a 429, a 5xx, a dropped connection or a garbage body.
   */
  public synchronized void chaos(long seed, double probability, Duration maxLatency) {
    chaos = new Chaos(seed, probability, maxLatency);
  }

  /** Removes every queued and standing fault and stops chaos; the injected count stays. */
  public synchronized void clear() {
    queued.clear();
    standing.clear();
    chaos = null;
  }

  /** How many faults were applied so far. */
  public synchronized int injected() {
    return injected;
  }

  /** The fault for a request that just reached {@code endpoint}, or null; counts it as applied. */
  synchronized Fault take(Endpoint endpoint) {
    Fault fault = pollQueued(endpoint);
    if (fault == null) {
      fault = pollQueued(Endpoint.ANY);
    }
    if (fault == null) {
      fault = standing.getOrDefault(endpoint, standing.get(Endpoint.ANY));
    }
    if (fault == null && chaos != null) {
      fault = chaos.next();
    }
    if (fault != null) {
      injected++;
    }
    return fault;
  }

  private Fault pollQueued(Endpoint endpoint) {
    Deque<Fault> queue = queued.get(endpoint);
    return queue == null ? null : queue.pollFirst();
  }
}
