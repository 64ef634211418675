package org.ownerless.ingest.transcode;

/**
 * Whether the publisher's keyframes are too far apart for the segment length. A source copy can
 * only be cut at keyframes, so a GOP longer than {@link #LIMIT_FACTOR} segments makes its segments
 * that long and the live edge that far behind. Judged on the last two GOPs, so one early keyframe
 * (a scene cut) neither raises nor clears it; the state outlives a publisher's reconnect, because
 * the fix in OBS comes with one.
 */
final class KeyframeIntervalCheck {
  /** Longer than this many segment durations is too long. */
  static final double LIMIT_FACTOR = 2;

  private final long limitMs;
  private boolean tooLong;

  KeyframeIntervalCheck(double segmentSeconds) {
    this.limitMs = Math.round(segmentSeconds * LIMIT_FACTOR * 1000);
  }

  /** Looks at the cadence after a keyframe; true when the verdict changed (read {@link #tooLong()}). */
  boolean changed(InputCadence cadence) {
    long shorter = cadence.shorterOfLastTwoGopsMs();
    if (shorter < 0) {
      return false;
    }
    if (!tooLong && shorter > limitMs) {
      tooLong = true;
      return true;
    }
    if (tooLong && cadence.longerOfLastTwoGopsMs() <= limitMs) {
      tooLong = false;
      return true;
    }
    return false;
  }

  boolean tooLong() {
    return tooLong;
  }

  double limitSeconds() {
    return limitMs / 1000.0;
  }
}
