package org.etdremediator.ledger;

/** A dense copy of the packed ledger entries, taken for a snapshot. */
final class PackedEntries {

  final long[] msbs;
  final long[] lsbs;
  final int[] seconds;
  final byte[] codes;
  final short[] statuses;
  final byte[] attempts;
  private int count;

  PackedEntries(int capacity) {
    msbs = new long[capacity];
    lsbs = new long[capacity];
    seconds = new int[capacity];
    codes = new byte[capacity];
    statuses = new short[capacity];
    attempts = new byte[capacity];
  }

  void add(long msb, long lsb, int epochSeconds, byte code, short status, byte tries) {
    msbs[count] = msb;
    lsbs[count] = lsb;
    seconds[count] = epochSeconds;
    codes[count] = code;
    statuses[count] = status;
    attempts[count] = tries;
    count++;
  }

  int count() {
    return count;
  }
}
