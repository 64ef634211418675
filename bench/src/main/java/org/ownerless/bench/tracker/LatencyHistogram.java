package org.ownerless.bench.tracker;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Microsecond latencies in log-linear buckets (64 per power of two, under 1.6 % error), so
 * millions of samples cost a fixed few KB and recording is one atomic increment.
 */
final class LatencyHistogram {
  private static final int LINEAR = 128;
  private static final int SUB = 64;
  private final AtomicLongArray counts = new AtomicLongArray(LINEAR + 57 * SUB);

  void record(long micros) {
    counts.incrementAndGet(index(Math.max(0, micros)));
  }

  /** The value at quantile q (0..1) in microseconds, or 0 with no samples. */
  long quantile(double q) {
    long total = 0;
    for (int i = 0; i < counts.length(); i++) total += counts.get(i);
    if (total == 0) return 0;
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < counts.length(); i++) {
      seen += counts.get(i);
      if (seen >= rank && seen > 0) return value(i);
    }
    return value(counts.length() - 1);
  }

  long count() {
    long total = 0;
    for (int i = 0; i < counts.length(); i++) total += counts.get(i);
    return total;
  }

  static int index(long v) {
    if (v < LINEAR) return (int) v;
    int e = 63 - Long.numberOfLeadingZeros(v); // >= 7
    int sub = (int) ((v >> (e - 6)) & (SUB - 1));
    return Math.min(LINEAR + (e - 7) * SUB + sub, LINEAR + 57 * SUB - 1);
  }

  static long value(int index) {
    if (index < LINEAR) return index;
    int e = (index - LINEAR) / SUB + 7;
    int sub = (index - LINEAR) % SUB;
    return ((long) (SUB + sub)) << (e - 6);
  }
}
