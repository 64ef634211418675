package org.ownerless.ingest.transcode;

/**
 * Whether ffmpeg keeps up with the publisher. Below real time the input queue grows until media is
 * dropped, and every segment comes later than the one before; one slow report is noise (start-up,
 * a busy moment), {@link #SUSTAINED_REPORTS} in a row (ffmpeg reports once a second) is the ladder.
 * The first {@link #WARM_UP_US} of a run are ignored: ffmpeg's speed averages over the run, and
 * starting up is slow.
 */
final class RealtimeCheck {
  static final double BELOW = 0.95;
  static final int SUSTAINED_REPORTS = 5;
  static final long WARM_UP_US = 5_000_000;

  private boolean below;
  private int against;

  /** Takes one progress report; true when the verdict changed (read {@link #below()}). */
  synchronized boolean changed(Progress p) {
    if (p.outTimeUs() < WARM_UP_US || p.speed() <= 0) {
      return false;
    }
    boolean slow = p.speed() < BELOW;
    against = slow == below ? 0 : against + 1;
    if (against >= SUSTAINED_REPORTS) {
      below = slow;
      against = 0;
      return true;
    }
    return false;
  }

  synchronized boolean below() {
    return below;
  }
}
