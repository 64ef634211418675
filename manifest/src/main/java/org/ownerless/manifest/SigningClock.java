package org.ownerless.manifest;

import java.time.Clock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time a node puts into what it signs (a root's {@code timeMs}, an announce's issue and expiry):
 * the wall clock, except that it never goes back (docs/protocol.md §4.4.2). When the wall clock is
 * behind the last signed time plus the monotonic time elapsed since, the clock was stepped back:
 * signed time goes on from where it was at the real rate, so nothing signed contradicts what was
 * signed before and an announce re-signed during the step is not already expired; once the wall
 * clock has caught up it is followed again. A step forward is followed at once: the node cannot tell
 * an error from a correction (a resumed VM's clock jumps forward), and a node that ignored a
 * correction would sign announces that are already expired. Each step is logged once.
 */
public final class SigningClock {
  private static final Logger log = LoggerFactory.getLogger(SigningClock.class);
  /** Smaller differences between wall and monotonic time are ordinary drift, not a step. */
  static final long STEP_MS = 2_000;
  private static final long NANOS_PER_MS = 1_000_000;

  private final LongSupplier wallMs;
  private final LongSupplier monotonicNanos;
  private boolean started;
  private long lastMs;
  private long lastNanos;
  private boolean heldBack;

  SigningClock(LongSupplier wallMs, LongSupplier monotonicNanos) {
    this.wallMs = wallMs;
    this.monotonicNanos = monotonicNanos;
  }

  public static SigningClock system() {
    return following(Clock.systemUTC());
  }

  /** Signs with {@code wall} as the wall clock (a test steps it) and the JVM's monotonic clock. */
  public static SigningClock following(Clock wall) {
    return new SigningClock(wall::millis, System::nanoTime);
  }

  /** Unix milliseconds to sign now: never less than any value returned before. */
  public synchronized long nowMs() {
    long wall = wallMs.getAsLong();
    long nanos = monotonicNanos.getAsLong();
    if (!started) {
      started = true;
      return follow(wall, nanos);
    }
    long elapsedMs = (nanos - lastNanos) / NANOS_PER_MS;
    long continued = lastMs + elapsedMs;
    long behind = continued - wall;
    if (behind <= 0) {
      if (heldBack) {
        caughtUp();
      } else if (-behind > STEP_MS) {
        log.warn("the system clock stepped forward by {} s; signed times follow it (check NTP if that was wrong)",
            -behind / 1000);
      }
      return follow(wall, nanos);
    }
    if (behind > STEP_MS) {
      if (!heldBack) {
        heldBack = true;
        log.warn("the system clock stepped back by {} s; signed times go on from the last signed time until it catches up",
            behind / 1000);
      }
    } else if (heldBack) {
      caughtUp(); // within drift of it: both clocks now advance at the same rate
    }
    // Whole milliseconds only, so the remainder counts towards the next call.
    lastMs = continued;
    lastNanos += elapsedMs * NANOS_PER_MS;
    return continued;
  }

  private void caughtUp() {
    heldBack = false;
    log.info("the system clock has caught up with the signed time; signing with it again");
  }

  private long follow(long wall, long nanos) {
    lastMs = wall;
    lastNanos = nanos;
    return wall;
  }
}
