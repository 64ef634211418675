package org.ownerless.ingest.transcode;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The timing of a publisher's video as its FLV tags show it: the keyframe interval (from the
 * keyframe flag and timestamps), the frame rate over the last few seconds, and frames the encoder
 * dropped, seen as gaps between timestamps well beyond the usual frame spacing. Everything here
 * comes from the publisher's bytes, so memory is bounded and absurd timestamps (going back, or
 * jumping by more than {@link #DISCONTINUITY_MS}) restart the measurement instead of counting as drops.
 * Not thread-safe (the transcoder calls it under its lock).
 */
public final class InputCadence {
  /** A larger jump is an encoder restart or a timestamp reset, not dropped frames. */
  static final long DISCONTINUITY_MS = 5000;
  static final long FPS_WINDOW_MS = 4000;
  private static final int MAX_FRAMES = 1024; // 4 s of 240 fps: a flood of frames cannot grow it further
  private static final int DELTAS = 15;
  private static final int MIN_DELTAS_FOR_DROPS = 8;

  private final ArrayDeque<Long> frameTimes = new ArrayDeque<>();
  private final long[] deltas = new long[DELTAS];
  private int deltaCount;
  private int deltaNext;
  private long lastTimestamp = -1;
  private long lastKeyframe = -1;
  private long previousGopMs = -1;
  private long latestGopMs = -1;
  private long dropped;

  /** One video frame (not a sequence header), with its FLV timestamp in milliseconds. */
  public void frame(long timestampMs, boolean keyframe) {
    if (lastTimestamp >= 0) {
      long delta = timestampMs - lastTimestamp;
      if (delta < 0 || delta > DISCONTINUITY_MS) {
        restart();
      } else if (delta > 0) {
        long usual = usualDelta();
        if (usual > 0 && delta * 2 > usual * 3) {
          dropped += Math.round((double) delta / usual) - 1;
        } else {
          deltas[deltaNext] = delta;
          deltaNext = (deltaNext + 1) % DELTAS;
          deltaCount = Math.min(DELTAS, deltaCount + 1);
        }
      }
    }
    lastTimestamp = timestampMs;
    frameTimes.addLast(timestampMs);
    while (frameTimes.size() > MAX_FRAMES || frameTimes.peekFirst() < timestampMs - FPS_WINDOW_MS) {
      frameTimes.removeFirst();
    }
    if (keyframe) {
      if (lastKeyframe >= 0 && timestampMs > lastKeyframe) {
        previousGopMs = latestGopMs;
        latestGopMs = timestampMs - lastKeyframe;
      }
      lastKeyframe = timestampMs;
    }
  }

  /** The measurement starts over: a new publisher, or timestamps that jumped. Drops so far are kept. */
  public void restart() {
    frameTimes.clear();
    deltaCount = 0;
    deltaNext = 0;
    lastTimestamp = -1;
    lastKeyframe = -1;
    previousGopMs = -1;
    latestGopMs = -1;
  }

  /** The last complete GOP in seconds, or 0 before two keyframes were seen. */
  public double keyframeIntervalSeconds() {
    return latestGopMs < 0 ? 0 : latestGopMs / 1000.0;
  }

  /** The shorter of the last two complete GOPs (ms), or -1 before two GOPs were measured. */
  long shorterOfLastTwoGopsMs() {
    return previousGopMs < 0 ? -1 : Math.min(previousGopMs, latestGopMs);
  }

  /** The longer of the last two complete GOPs (ms), or -1 before two GOPs were measured. */
  long longerOfLastTwoGopsMs() {
    return previousGopMs < 0 ? -1 : Math.max(previousGopMs, latestGopMs);
  }

  /** Frames per second over the last few seconds of media time, or 0 before there are two frames. */
  public double fps() {
    if (frameTimes.size() < 2) {
      return 0;
    }
    long span = frameTimes.peekLast() - frameTimes.peekFirst();
    return span <= 0 ? 0 : (frameTimes.size() - 1) * 1000.0 / span;
  }

  /** Frames the publisher's encoder skipped, estimated from timestamp gaps, since the stream began. */
  public long framesDropped() {
    return dropped;
  }

  /** The median of recent frame spacings, or 0 while there are too few to tell. */
  private long usualDelta() {
    if (deltaCount < MIN_DELTAS_FOR_DROPS) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(deltas, deltaCount);
    Arrays.sort(sorted);
    return sorted[deltaCount / 2];
  }
}
