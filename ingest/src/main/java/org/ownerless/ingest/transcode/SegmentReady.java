package org.ownerless.ingest.transcode;

import java.nio.file.Path;

/**
 * A packager closed a segment file: it is complete and will not change. Times are the segmenter's,
 * in seconds.
 *
 * @param initFile the segment's initialization section (fMP4/CMAF: the EXT-X-MAP file that holds
 *     ftyp+moov), or {@code null} for self-contained MPEG-TS segments. The file is read, not owned:
 *     one init section serves many segments.
 */
public record SegmentReady(String rendition, Path file, double startSeconds, double endSeconds, int run,
    Path initFile) {

  /** An MPEG-TS segment: no initialization section. */
  public SegmentReady(String rendition, Path file, double startSeconds, double endSeconds, int run) {
    this(rendition, file, startSeconds, endSeconds, run, null);
  }

  public long durationUs() {
    return Math.max(1, Math.round((endSeconds - startSeconds) * 1_000_000));
  }
}
