package org.ownerless.ingest.transcode;

/**
 * Timestamps for the publisher's AAC frames that follow their sample count.
 *
 * <p>An AAC frame is 1024 samples; RTMP stamps it in whole milliseconds from the publisher's clock.
 * Some publishers stamp frames with whatever time is at hand while they start: GStreamer's flvmux on
 * a busy machine gives three frames one video frame's time after a quarter-second jump, for a second
 * or so. The samples are contiguous; the stamps are not. ffmpeg writes several AAC frames per MPEG-TS
 * PES and stamps only the first, so a reader spaces the rest 1024 samples apart, and with such stamps
 * a segment's audio goes back in time (hls.js drops or pads frames to cope: an audible glitch).
 *
 * <p>So each frame is stamped where the frames before it end in sample time, counted from the last
 * anchor, as long as that is within {@link #TOLERANCE_MS} of the publisher's stamp. Beyond it, the
 * publisher's stamp becomes the new anchor: frames were really dropped (a gap), or the two clocks
 * drifted apart that far. The shift is thus bounded, and a stream stamped by its sample count passes
 * unchanged (give or take the publisher's rounding to the millisecond). Not thread-safe; {@link
 * StreamTranscoder} guards it with its lock.
 */
final class AudioTimeline {
  /** How far a frame may be moved from the publisher's stamp; more than a start-up burst spans. */
  static final long TOLERANCE_MS = 500;
  private static final int SAMPLES_PER_FRAME = 1024;

  private int sampleRate;
  private boolean anchored;
  private long anchorMs;
  private long samplesSinceAnchor;

  /**
   * The rate the publisher's AAC frames are counted in: the core coder's (an SBR frame has twice the
   * samples at twice the rate). A new rate, or 0 for one that could not be read (stamps then pass
   * unchanged), starts counting afresh.
   */
  void sampleRate(int coreSampleRate) {
    if (coreSampleRate != sampleRate) {
      sampleRate = coreSampleRate;
      restart();
    }
  }

  /** A new publish: the next frame is an anchor. */
  void restart() {
    anchored = false;
  }

  /** The time to write for the frame the publisher stamped {@code stampMs}. */
  long stamp(long stampMs) {
    if (sampleRate <= 0) {
      return stampMs;
    }
    long counted = anchorMs + samplesSinceAnchor * 1000 / sampleRate;
    if (!anchored || Math.abs(stampMs - counted) > TOLERANCE_MS) {
      anchored = true;
      anchorMs = stampMs;
      samplesSinceAnchor = SAMPLES_PER_FRAME;
      return stampMs;
    }
    samplesSinceAnchor += SAMPLES_PER_FRAME;
    return counted;
  }
}
