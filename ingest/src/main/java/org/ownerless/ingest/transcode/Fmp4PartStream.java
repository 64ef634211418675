package org.ownerless.ingest.transcode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ownerless.ingest.cmaf.CmafCutter;
import org.ownerless.ingest.cmaf.CmafLimits;
import org.ownerless.ingest.cmaf.CmafPart;
import org.ownerless.ingest.cmaf.CmafSegment;
import org.ownerless.ingest.cmaf.InitSection;
import org.ownerless.ingest.cmaf.Mp4BoxReader;
import org.ownerless.ingest.cmaf.Mp4FormatException;

/**
 * One rendition's fragmented MP4, as ffmpeg writes it into the rendition's FIFO in part mode, cut by
 * {@link CmafCutter}: the init section is written once to {@code init-1.mp4}, each part is handed on
 * the moment it is complete, and each segment is written as {@code N.m4s} (its parts' bytes, the
 * media after the init, exactly what the segment muxer's files become after Fmp4Split) and handed on
 * after its last part — so the segment path downstream sees the same files as without parts.
 */
final class Fmp4PartStream implements CmafCutter.Output {
  /** Where parts and segments go, in stream order, on the reading thread. */
  interface Sink {
    void part(PartReady part);

    void segment(SegmentReady segment);
  }

  private final Path dir;
  private final String rendition;
  private final int run;
  private final long segmentMicros;
  private final CmafLimits limits;
  private final Sink sink;
  private Path initFile;

  Fmp4PartStream(Path dir, String rendition, int run, double segmentSeconds, double partSeconds, Sink sink) {
    this.dir = dir;
    this.rendition = rendition;
    this.run = run;
    this.segmentMicros = Math.round(segmentSeconds * 1_000_000);
    this.limits = limits(segmentSeconds, partSeconds);
    this.sink = sink;
  }

  /**
   * The cutter's bounds for this part length: the defaults, with room for every part of the longest
   * segment the cutter lets through (a source without keyframes is cut at {@link
   * CmafCutter#MAX_SEGMENT_FACTOR} segment lengths), plus a margin for ffmpeg's short fragments.
   */
  static CmafLimits limits(double segmentSeconds, double partSeconds) {
    CmafLimits d = CmafLimits.defaults();
    int parts = (int) Math.ceil(CmafCutter.MAX_SEGMENT_FACTOR * segmentSeconds / partSeconds) * 2 + 8;
    return new CmafLimits(d.maxBoxBytes(), d.maxInitBytes(), Math.max(d.maxPartsPerSegment(), parts),
        d.maxSegmentBytes());
  }

  /** Cuts until ffmpeg closes the stream; the last segment is handed on at the end. */
  void read(InputStream in) throws IOException, Mp4FormatException {
    try {
      new CmafCutter(this, segmentMicros, 0, limits).run(new Mp4BoxReader(in, limits.maxBoxBytes()));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public void init(InitSection init) {
    initFile = dir.resolve("init-1.mp4");
    write(initFile, init.bytes());
  }

  @Override
  public void part(CmafPart part) {
    sink.part(new PartReady(rendition, part.bytes(), part.durationMicros(), part.independent(), part.sequence(),
        part.index(), run, initFile));
  }

  @Override
  public void segment(CmafSegment segment) {
    Path file = dir.resolve(segment.sequence() + ".m4s");
    write(file, segment.bytes());
    long start = segment.startMicros();
    sink.segment(new SegmentReady(rendition, file, start / 1e6, (start + segment.durationMicros()) / 1e6, run,
        initFile));
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
