package org.ownerless.ingest.transcode;

/**
 * What the node shows the creator about the incoming stream and the transcoder (metrics, studio page).
 *
 * @param keyframeIntervalSeconds the publisher's last complete GOP (0 before two keyframes)
 * @param fps the publisher's frame rate over the last few seconds
 * @param bitrateBits the publisher's audio + video bits per second over the last few seconds
 * @param framesDropped frames the publisher's encoder skipped (timestamp gaps), since the node started
 * @param keyframeIntervalTooLong the GOP is longer than the limit for the segment length
 * @param speed ffmpeg's realtime factor from its last progress report (0 before one)
 * @param belowRealtime ffmpeg has run slower than real time for several seconds
 */
public record IngestHealth(double keyframeIntervalSeconds, double fps, long bitrateBits, long framesDropped,
    boolean keyframeIntervalTooLong, double speed, boolean belowRealtime) {
  public static final IngestHealth NONE = new IngestHealth(0, 0, 0, 0, false, 0, false);
}
