package org.ownerless.ingest.transcode;

import java.nio.file.Path;

/** ffmpeg closed a segment file: it is complete and will not change. Times are the segmenter's, in seconds. */
public record SegmentReady(String rendition, Path file, double startSeconds, double endSeconds, int run) {
  public long durationUs() {
    return Math.max(1, Math.round((endSeconds - startSeconds) * 1_000_000));
  }
}
