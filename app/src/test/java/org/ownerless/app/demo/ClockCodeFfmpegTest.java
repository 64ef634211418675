package org.ownerless.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clock stripe through real ffmpeg: drawn on a 2 s test source encoded like the demo's, then scaled
 * and re-encoded like the demo's 240p rung, and read back from every decoded frame.
 */
@Tag("e2e")
class ClockCodeFfmpegTest {
  @TempDir static Path dir;
  static long launched;
  static long finished;

  @BeforeAll
  static void encodeTwoSecondsWithTheStripe() throws Exception {
    launched = System.currentTimeMillis();
    ffmpeg("-re", "-f", "lavfi", "-i", "testsrc2=size=854x480:rate=30", "-t", "2", "-vf", ClockCode.filter(30),
        "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "30",
        "-b:v", "1500k", "-f", "flv", dir.resolve("src.flv").toString());
    finished = System.currentTimeMillis();
    // The demo's 240p rung: the transcoder's scale and bitrate (FfmpegArgs, ladder "240p:240:400").
    ffmpeg("-i", dir.resolve("src.flv").toString(), "-vf", "scale=426:240,format=yuv420p", "-c:v", "libx264",
        "-preset", "veryfast", "-tune", "zerolatency", "-profile:v", "main", "-b:v", "400k", "-maxrate", "440k",
        "-bufsize", "800k", "-f", "flv", dir.resolve("240p.flv").toString());
  }

  @Test
  void everyFrameCarriesTheWallClockAtWhichFfmpegTookIt() throws Exception {
    List<Long> stamps = stamps("src.flv", 854);
    assertThat(stamps).as("one readable stamp per frame").hasSizeBetween(58, 61).doesNotContainNull();
    assertThat(stamps.get(0)).as("not before ffmpeg was started").isGreaterThanOrEqualTo(launched);
    assertThat(stamps.get(stamps.size() - 1)).as("the last frame, shortly before ffmpeg ended")
        .isBetween(finished - 1500, finished);
    assertThat(stamps).as("in order, about 1/30 s apart").isSorted();
    assertThat(stamps.get(stamps.size() - 1) - stamps.get(0)).as("2 s of frames span 2 s of wall clock")
        .isBetween(1800L, 2200L);
  }

  @Test
  void theStripeSurvivesTheScaledLowBitrateRung() throws Exception {
    List<Long> at480 = stamps("src.flv", 854);
    List<Long> at240 = stamps("240p.flv", 426);
    assertThat(at240).as("the same stamps, frame by frame").isEqualTo(at480);
  }

  /** Every frame's stamp (null where the rows disagree), decoded from the grey top rows of {@code file}. */
  private static List<Long> stamps(String file, int width) throws Exception {
    int rows = ClockStripeReader.rowsNeeded(width);
    Path gray = dir.resolve(file + ".gray");
    ffmpeg("-i", dir.resolve(file).toString(), "-vf", "crop=" + width + ":" + rows + ":0:0,format=gray",
        "-f", "rawvideo", gray.toString());
    byte[] frames = Files.readAllBytes(gray);
    long now = System.currentTimeMillis();
    List<Long> stamps = new ArrayList<>();
    for (int offset = 0; offset + width * rows <= frames.length; offset += width * rows) {
      OptionalLong code = ClockStripeReader.read(frames, offset, width);
      stamps.add(code.isPresent() ? ClockStripeReader.stampBefore(code.getAsLong(), now) : null);
    }
    return stamps;
  }

  private static void ffmpeg(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
  }
}
