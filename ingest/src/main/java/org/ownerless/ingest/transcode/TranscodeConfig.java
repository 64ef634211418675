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
 * @param partSeconds the LL-HLS part length (the node's --part-seconds), 0 for none; fMP4 only, and at
 *     most half a segment so that a segment has at least two parts
 */
public record TranscodeConfig(String ffmpeg, Ladder ladder, double segmentSeconds, Path workDir,
    long maxQueuedBytes, Duration maxRestartDelay, int niceness, SegmentFormat segmentFormat, double partSeconds) {
  /** The shortest and longest segment a stream may be cut into (the node's --segment-seconds). */
  public static final double MIN_SEGMENT_SECONDS = 0.5;
  public static final double MAX_SEGMENT_SECONDS = 30;
  /** The shortest part: ffmpeg's fragments get a per-fragment overhead that dominates below this. */
  public static final double MIN_PART_SECONDS = 0.2;

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
    if (partSeconds != 0) {
      if (segmentFormat != SegmentFormat.FMP4) {
        throw new IllegalArgumentException("parts need fMP4 segments");
      }
      if (!(partSeconds >= MIN_PART_SECONDS && partSeconds <= segmentSeconds / 2)) {
        throw new IllegalArgumentException("the part length must be between " + MIN_PART_SECONDS
            + " seconds and half the segment length");
      }
    }
  }

  /** Whether ffmpeg writes parts (LL-HLS) that are handed on before their segment completes. */
  public boolean hasParts() {
    return partSeconds > 0;
  }

  public static TranscodeConfig defaults(Path workDir) {
    return new TranscodeConfig("ffmpeg", Ladder.DEFAULT, LiveWindow.DEFAULT_SEGMENT_SECONDS, workDir, 32L << 20,
        Duration.ofSeconds(10), 10, SegmentFormat.TS, 0);
  }

  public TranscodeConfig withLadder(Ladder l) {
    return new TranscodeConfig(ffmpeg, l, segmentSeconds, workDir, maxQueuedBytes, maxRestartDelay, niceness, segmentFormat, partSeconds);
  }

  public TranscodeConfig withSegmentSeconds(double s) {
    return new TranscodeConfig(ffmpeg, ladder, s, workDir, maxQueuedBytes, maxRestartDelay, niceness, segmentFormat, partSeconds);
  }

  public TranscodeConfig withSegmentFormat(SegmentFormat f) {
    return new TranscodeConfig(ffmpeg, ladder, segmentSeconds, workDir, maxQueuedBytes, maxRestartDelay, niceness, f, partSeconds);
  }

  public TranscodeConfig withPartSeconds(double p) {
    return new TranscodeConfig(ffmpeg, ladder, segmentSeconds, workDir, maxQueuedBytes, maxRestartDelay, niceness,
        segmentFormat, p);
  }

  public TranscodeConfig withFfmpeg(String path) {
    return new TranscodeConfig(path, ladder, segmentSeconds, workDir, maxQueuedBytes, maxRestartDelay, niceness, segmentFormat, partSeconds);
  }
}
