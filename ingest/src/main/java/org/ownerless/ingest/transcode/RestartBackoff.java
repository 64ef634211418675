package org.ownerless.ingest.transcode;

import java.time.Duration;

/**
 * Exponential back-off for ffmpeg restarts: 0.5 s, 1 s, 2 s ... up to a ceiling. A run that stayed
 * up for a while counts as healthy and resets the delay, so one crash an hour restarts quickly while
 * a crash loop does not burn the CPU.
 */
final class RestartBackoff {
  static final long HEALTHY_RUN_MS = 30_000;
  private static final long FIRST_DELAY_MS = 500;

  private final long maxDelayMs;
  private long nextDelayMs = FIRST_DELAY_MS;

  RestartBackoff(Duration maxDelay) {
    this.maxDelayMs = Math.max(FIRST_DELAY_MS, maxDelay.toMillis());
  }

  long maxDelaySeconds() {
    return maxDelayMs / 1000;
  }

  /** The delay before restarting after a run that lasted {@code uptimeMs}. */
  synchronized long nextDelay(long uptimeMs) {
    if (uptimeMs >= HEALTHY_RUN_MS) {
      nextDelayMs = FIRST_DELAY_MS;
    }
    long delay = nextDelayMs;
    nextDelayMs = Math.min(maxDelayMs, nextDelayMs * 2);
    return delay;
  }
}
