package org.ownerless.ingest.transcode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The two-rung ladder the fMP4 tests run on a 320x180 source: a copy rung and a transcoded 144p rung. */
final class CopyAnd144p {
  static final List<String> NAMES = List.of("src", "144p");

  private CopyAnd144p() {}

  /** A 6 s 320x180 H.264 + AAC FLV source with a keyframe every {@code gop} frames (25 fps). */
  static Path sixSecondFlv(Path dir, int gop) throws IOException, InterruptedException {
    Path flv = dir.resolve("source.flv");
    Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i",
        "testsrc2=size=320x180:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "6",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", String.valueOf(gop), "-c:a", "aac", "-f", "flv",
        flv.toString()).inheritIO().start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("ffmpeg could not make the test source");
    }
    return flv;
  }

  static List<SelectedRendition> renditions() {
    return List.of(
        new SelectedRendition(RenditionSpec.sourceCopy(), 320, 180, "avc1.42c00d,mp4a.40.2", 600_000),
        new SelectedRendition(new RenditionSpec("144p", 144, 150, 64), 256, 144, "avc1.4d401f,mp4a.40.2",
            250_000));
  }
}
