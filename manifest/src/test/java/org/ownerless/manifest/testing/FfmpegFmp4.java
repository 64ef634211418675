package org.ownerless.manifest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ownerless.ingest.transcode.SegmentReady;

/**
 * Real fMP4/CMAF segments for tests: ffmpeg's HLS muxer writes a small test source as {@code .m4s}
 * media segments and one init section, which become {@link SegmentReady} events as a packager run
 * would report them (one-second segments, the init named on every one).
 */
public final class FfmpegFmp4 {
  /** An ffmpeg encode of a few seconds at 320x180 takes well under this, even on a busy machine. */
  private static final long TIMEOUT_SECONDS = 120;

  private final Path init;
  private final List<Path> segments;

  private FfmpegFmp4(Path init, List<Path> segments) {
    this.init = init;
    this.segments = segments;
  }

  /** Encodes {@code seconds} of test pattern and tone into {@code dir} as one-second fMP4 segments. */
  public static FfmpegFmp4 encode(Path dir, int seconds) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path log = dir.resolve("ffmpeg.log");
    Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-y",
        "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25", "-f", "lavfi", "-i", "sine",
        "-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-c:a", "aac",
        "-f", "hls", "-hls_time", "1", "-hls_list_size", "0", "-hls_segment_type", "fmp4",
        "-hls_fmp4_init_filename", "init.mp4", "-hls_segment_filename", dir.resolve("part-%03d.m4s").toString(),
        dir.resolve("out.m3u8").toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!ffmpeg.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      ffmpeg.destroyForcibly();
      throw new IOException("ffmpeg did not finish in " + TIMEOUT_SECONDS + " s");
    }
    if (ffmpeg.exitValue() != 0) {
      throw new IOException("ffmpeg exited with " + ffmpeg.exitValue() + ": " + Files.readString(log));
    }
    List<Path> segments;
    try (Stream<Path> files = Files.list(dir)) {
      segments = files.filter(p -> p.getFileName().toString().endsWith(".m4s")).sorted().toList();
    }
    return new FfmpegFmp4(dir.resolve("init.mp4"), segments);
  }

  public Path init() {
    return init;
  }

  public int count() {
    return segments.size();
  }

  public Path segment(int i) {
    return segments.get(i);
  }

  /**
   * Segment {@code i} as a packager run reports it, staged as a copy the publisher may move (so one
   * encode can be published more than once), its init section named as it is.
   */
  public SegmentReady ready(String rendition, int i, Path stagingDir) throws IOException {
    Path staged = Files.createTempFile(stagingDir, "staged-", ".m4s");
    Files.copy(segments.get(i), staged, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return new SegmentReady(rendition, staged, i, i + 1.0, 1, init);
  }

  /** Every segment, in order. */
  public List<SegmentReady> all(String rendition, Path stagingDir) throws IOException {
    List<SegmentReady> out = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      out.add(ready(rendition, i, stagingDir));
    }
    return out;
  }
}
