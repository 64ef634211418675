package org.ownerless.ingest.transcode;

import java.nio.file.Path;
import java.time.Duration;
import org.ownerless.protocol.layout.LiveWindow;

/**
 * How streams are transcoded.
 *
 * @param ffmpeg the ffmpeg executable (found on PATH by default)
 * @param workDir where each run's segments are written before they are published
 * @param maxQueuedBytes FLV bytes that may wait for ffmpeg's stdin before input is dropped to the next keyframe
 * @param maxRestartDelay the ceiling of the exponential back-off between ffmpeg restarts
 * @param niceness ffmpeg's scheduling niceness (0..19): transcoding is throughput work and should
 *     yield the CPU to the latency-critical RTMP and signing threads of the node; 0 leaves it alone
 * @param segmentFormat MPEG-TS or fMP4/CMAF segments (the node's --segment-format)
 */
public record TranscodeConfig(String ffmpeg, Ladder ladder, double segmentSeconds, Path workDir,
    long maxQueuedBytes, Duration maxRestartDelay, int niceness, SegmentFormat segmentFormat) {
  /** The shortest and longest segment a stream may be cut into (the node's --segment-seconds). */
  public static final double MIN_SEGMENT_SECONDS = 0.5;
  public static final double MAX_SEGMENT_SECONDS = 30;

  public TranscodeConfig {
    if (!(segmentSeconds >= MIN_SEGMENT_SECONDS && segmentSeconds <= MAX_SEGMENT_SECONDS)) {
      throw new IllegalArgumentException("segment duration must be between 0.5 and 30 seconds");
    }
    if (niceness < 0 || niceness > 19) {
      throw new IllegalArgumentException("niceness must be 0..19");
    }
    if (segmentFormat == null) {
      throw new IllegalArgumentException("a segment format is needed");
    }
    if (maxQueuedBytes < 1 << 20) {
      throw new IllegalArgumentException("the ffmpeg input queue must allow at least 1 MiB");
    }
  }

  public static TranscodeConfig defaults(Path workDir) {
    return new TranscodeConfig("ffmpeg", Ladder.DEFAULT, LiveWindow.DEFAULT_SEGMENT_SECONDS, workDir, 32L << 20,
        Duration.ofSeconds(10), 10, SegmentFormat.TS);
  }

  public TranscodeConfig withLadder(Ladder l) {
    return new TranscodeConfig(ffmpeg, l, segmentSeconds, workDir, maxQueuedBytes, maxRestartDelay, niceness, segmentFormat);
  }

  public TranscodeConfig withSegmentSeconds(double s) {
    return new TranscodeConfig(ffmpeg, ladder, s, workDir, maxQueuedBytes, maxRestartDelay, niceness, segmentFormat);
  }

  public TranscodeConfig withSegmentFormat(SegmentFormat f) {
    return new TranscodeConfig(ffmpeg, ladder, segmentSeconds, workDir, maxQueuedBytes, maxRestartDelay, niceness, f);
  }

  public TranscodeConfig withFfmpeg(String path) {
    return new TranscodeConfig(path, ladder, segmentSeconds, workDir, maxQueuedBytes, maxRestartDelay, niceness, segmentFormat);
  }
}
