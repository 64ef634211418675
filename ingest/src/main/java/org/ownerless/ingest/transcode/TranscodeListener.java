package org.ownerless.ingest.transcode;

import java.util.List;

/** What a stream's transcoder reports. Segment callbacks for one rendition arrive in order, on one thread. */
public interface TranscodeListener {
  /** The renditions of the stream were decided (once, when the first source is seen). */
  void onRenditions(String stream, List<SelectedRendition> renditions);

  /**
   * A segment file is complete. The callee takes ownership of the file (move it before returning;
   * whatever remains of the run directory is deleted when the run ends).
   *
   * @param discontinuity the first segment of a new ffmpeg run (publisher reconnect or ffmpeg restart)
   */
  void onSegment(String stream, SegmentReady segment, boolean discontinuity);

  /**
   * A part of the segment being written is complete (LL-HLS, only with parts on): all parts of a
   * segment arrive, in order, before the segment's {@link #onSegment}, on the same thread. The bytes
   * are the callee's copy.
   */
  default void onPart(String stream, PartReady part) {}

  /** ffmpeg exited; {@code crashed} when it was not asked to stop. */
  default void onFfmpegExit(String stream, int run, int exitCode, boolean crashed, List<String> stderrTail) {}

  default void onProgress(String stream, Progress progress) {}

  /**
   * The publisher's keyframe interval became too long for the segment length ({@code tooLong}), or
   * came back under the limit. Called once per change, with the measured interval and the limit.
   */
  default void onKeyframeInterval(String stream, double intervalSeconds, double limitSeconds, boolean tooLong) {}

  /** ffmpeg fell below real time for several seconds ({@code below}), or recovered; once per change. */
  default void onRealtime(String stream, double speed, boolean below) {}

  /** A publisher started ({@code true}) or stopped feeding the stream. */
  default void onPublisherChange(String stream, boolean publishing) {}
}
