package org.ownerless.manifest;

/** A wall clock and a monotonic clock the test moves by hand: time passes, and the wall clock can be stepped. */
final class SteppedClock {
  private long wallMs = 1_800_000_000_000L;
  private long nanos = 5_000_000_000L;
  private long stepped;

  /** Both clocks advance, as real time passing does. */
  void pass(long ms) {
    wallMs += ms;
    nanos += ms * 1_000_000;
  }

  /** Only the wall clock moves (date -s, an NTP step). */
  void stepWall(long ms) {
    wallMs += ms;
    stepped += ms;
  }

  /** The time of the rest of the world: the wall clock without the steps. */
  long trueMs() {
    return wallMs - stepped;
  }

  long wallMs() {
    return wallMs;
  }

  SigningClock signingClock() {
    return new SigningClock(() -> wallMs, () -> nanos);
  }
}
