package org.ownerless.origin.bucket;

import java.time.Duration;

/** Exponential backoff between retries: first, 2×first, 4×first … capped at max; reset on success. */
final class Backoff {
  private final long firstMs;
  private final long maxMs;
  private long nextMs;

  Backoff(Duration first, Duration max) {
    this.firstMs = first.toMillis();
    this.maxMs = max.toMillis();
    this.nextMs = firstMs;
  }

  /** The wait before the next attempt; each call doubles the following one. */
  long nextDelayMs() {
    long d = nextMs;
    nextMs = Math.min(maxMs, nextMs * 2);
    return d;
  }

  void reset() {
    nextMs = firstMs;
  }
}
