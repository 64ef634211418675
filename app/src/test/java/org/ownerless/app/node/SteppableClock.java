package org.ownerless.app.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system's wall clock plus an offset the test changes while the node runs, as `date -s` or an NTP step would. */
final class SteppableClock extends Clock {
  private volatile Duration offset = Duration.ZERO;

  /** From now on the clock reads the real time plus {@code offset} (negative: behind). */
  void set(Duration offset) {
    this.offset = offset;
  }

  @Override
  public long millis() {
    return System.currentTimeMillis() + offset.toMillis();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a UTC clock only");
  }
}
