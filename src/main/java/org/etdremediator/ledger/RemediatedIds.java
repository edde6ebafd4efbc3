package org.etdremediator.ledger;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The set of remediated ETD ids with when and how, sized for millions of entries.
 *
 * <p>ETD ids are UUIDs, so they are kept as two longs in an open-addressing table with linear
 * probing and parallel primitive arrays: about 24 bytes a slot instead of several hundred for a map
 * of strings and records. The time is kept to the second. An id that is not a lower-case canonical
 * UUID, or a remediation whose verdict, action or counts do not fit the packed form, goes into a
 * plain map at full fidelity. Not thread-safe.
 */
final class RemediatedIds {

  private static final int MIN_CAPACITY = 1 << 10;

  private long[] msbs;
  private long[] lsbs;
  private int[] seconds;
  private byte[] codes;
  private short[] statuses;
  private byte[] attempts;
  private int size;
  private final Map<String, Remediation> others = new HashMap<>();

  RemediatedIds(int expected) {
    allocate(capacityFor(expected));
  }

  int size() {
    return size + others.size();
  }

  int uuidCount() {
    return size;
  }

  Map<String, Remediation> others() {
    return others;
  }

  boolean contains(String etdId) {
    if (!Uuids.isCanonical(etdId)) {
      return others.containsKey(etdId);
    }
    long msb = Uuids.msb(etdId);
    long lsb = Uuids.lsb(etdId);
    return (msb == 0 && lsb == 0) ? others.containsKey(etdId) : find(msb, lsb) >= 0;
  }

  Optional<Remediation> get(String etdId) {
    if (!Uuids.isCanonical(etdId)) {
      return Optional.ofNullable(others.get(etdId));
    }
    int slot = find(Uuids.msb(etdId), Uuids.lsb(etdId));
    if (slot < 0) {
      return Optional.ofNullable(others.get(etdId));
    }
    int code = codes[slot];
    return Optional.of(
        new Remediation(
            etdId,
            Instant.ofEpochSecond(Integer.toUnsignedLong(seconds[slot])),
            RemediationCodes.verdict(code),
            RemediationCodes.action(code),
            statuses[slot],
            attempts[slot]));
  }

  void put(Remediation r) {
    String id = r.etdId();
    int code = RemediationCodes.encode(r.verdict(), r.action());
    long epoch = r.at().getEpochSecond();
    boolean packable =
        Uuids.isCanonical(id)
            && code != RemediationCodes.NONE
            && epoch >= 0
            && epoch <= 0xffffffffL
            && r.smaStatus() >= 0
            && r.smaStatus() <= Short.MAX_VALUE
            && r.attempts() >= 0
            && r.attempts() <= Byte.MAX_VALUE;
    long msb = packable ? Uuids.msb(id) : 0;
    long lsb = packable ? Uuids.lsb(id) : 0;
    if (!packable || (msb == 0 && lsb == 0)) {
      remove(id);
      others.put(id, r);
      return;
    }
    others.remove(id);
    putPacked(msb, lsb, (int) epoch, (byte) code, (short) r.smaStatus(), (byte) r.attempts());
  }

  /** Adds an entry read from a snapshot; the caller has checked its fields. */
  void putPacked(long msb, long lsb, int epochSeconds, byte code, short status, byte tries) {
    int slot = find(msb, lsb);
    if (slot < 0) {
      if ((size + 1) * 4L > msbs.length * 3L) {
        rehash(msbs.length * 2);
      }
      slot = freeSlot(msb, lsb);
      msbs[slot] = msb;
      lsbs[slot] = lsb;
      size++;
    }
    seconds[slot] = epochSeconds;
    codes[slot] = code;
    statuses[slot] = status;
    attempts[slot] = tries;
  }

  void remove(String etdId) {
    if (others.remove(etdId) != null || !Uuids.isCanonical(etdId)) {
      return;
    }
    int slot = find(Uuids.msb(etdId), Uuids.lsb(etdId));
    if (slot >= 0) {
      removeAt(slot);
    }
  }

  /** Drops every entry remediated before {@code cutoff}; returns how many were dropped. */
  int expire(Instant cutoff) {
    long limit = cutoff.getEpochSecond();
    int before = size();
    others.values().removeIf(r -> r.at().isBefore(cutoff));
    // A removal shifts a later entry of the same cluster into the freed slot, so the slot is
    // looked at again; entries not yet visited only ever move into slots not yet visited.
    for (int i = 0; i < msbs.length; i++) {
      while (occupied(i) && Integer.toUnsignedLong(seconds[i]) < limit) {
        removeAt(i);
      }
    }
    return before - size();
  }

  /** Receives the packed entries, in table order. */
  interface Visitor {
    void visit(long msb, long lsb, int epochSeconds, byte code, short status, byte attempts);
  }

  void forEachPacked(Visitor visitor) {
    for (int i = 0; i < msbs.length; i++) {
      if (occupied(i)) {
        visitor.visit(msbs[i], lsbs[i], seconds[i], codes[i], statuses[i], attempts[i]);
      }
    }
  }

  /** The packed entries copied into dense arrays, for a snapshot written on another thread. */
  PackedEntries copyPacked() {
    PackedEntries copy = new PackedEntries(size);
    forEachPacked(copy::add);
    return copy;
  }

  static String idOf(long msb, long lsb) {
    return new UUID(msb, lsb).toString();
  }

  private boolean occupied(int slot) {
    return msbs[slot] != 0 || lsbs[slot] != 0;
  }

  private int find(long msb, long lsb) {
    int mask = msbs.length - 1;
    for (int i = hash(msb, lsb) & mask; occupied(i); i = (i + 1) & mask) {
      if (msbs[i] == msb && lsbs[i] == lsb) {
        return i;
      }
    }
    return -1;
  }

  private int freeSlot(long msb, long lsb) {
    int mask = msbs.length - 1;
    int i = hash(msb, lsb) & mask;
    while (occupied(i)) {
      i = (i + 1) & mask;
    }
    return i;
  }

  /** Backward-shift deletion: keeps every probe chain unbroken without tombstones. */
  private void removeAt(int slot) {
    int mask = msbs.length - 1;
    int hole = slot;
    for (int i = (slot + 1) & mask; occupied(i); i = (i + 1) & mask) {
      int home = hash(msbs[i], lsbs[i]) & mask;
      boolean homeBetween = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
      if (!homeBetween) {
        move(i, hole);
        hole = i;
      }
    }
    msbs[hole] = 0;
    lsbs[hole] = 0;
    size--;
  }

  private void move(int from, int to) {
    msbs[to] = msbs[from];
    lsbs[to] = lsbs[from];
    seconds[to] = seconds[from];
    codes[to] = codes[from];
    statuses[to] = statuses[from];
    attempts[to] = attempts[from];
  }

  private void rehash(int capacity) {
    long[] oldMsbs = msbs;
    long[] oldLsbs = lsbs;
    int[] oldSeconds = seconds;
    byte[] oldCodes = codes;
    short[] oldStatuses = statuses;
    byte[] oldAttempts = attempts;
    allocate(capacity);
    for (int i = 0; i < oldMsbs.length; i++) {
      if (oldMsbs[i] != 0 || oldLsbs[i] != 0) {
        int slot = freeSlot(oldMsbs[i], oldLsbs[i]);
        msbs[slot] = oldMsbs[i];
        lsbs[slot] = oldLsbs[i];
        seconds[slot] = oldSeconds[i];
        codes[slot] = oldCodes[i];
        statuses[slot] = oldStatuses[i];
        attempts[slot] = oldAttempts[i];
      }
    }
  }

  private void allocate(int capacity) {
    msbs = new long[capacity];
    lsbs = new long[capacity];
    seconds = new int[capacity];
    codes = new byte[capacity];
    statuses = new short[capacity];
    attempts = new byte[capacity];
  }

  private static int capacityFor(int expected) {
    long needed = Math.max(MIN_CAPACITY, (expected * 4L) / 3 + 1);
    return (int) Math.min(1L << 30, Long.highestOneBit(needed - 1) << 1);
  }

  private static int hash(long msb, long lsb) {
    long h = msb * 0x9E3779B97F4A7C15L ^ lsb;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) h;
  }
}
