package org.ownerless.ingest.cmaf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real ffmpeg writing fragmented MP4 (200 ms fragments, a keyframe every second, video and audio) into
 * a pipe in real time: the cutter hands on each part as it arrives, not when its segment closes, and
 * the init section followed by the segments is a stream ffmpeg decodes without error, frame for frame.
 */
@Tag("e2e")
class CmafCutterFfmpegTest {
  private static final int SECONDS = 4;
  private static final int FPS = 30;

  @TempDir
  Path dir;

  private record Arrival(CmafPart part, long nanos) {}

  @Test
  void partsArriveAsFfmpegWritesThemAndTheSegmentsDecodeFrameForFrame() throws Exception {
    Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
        "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=" + FPS, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
        "-t", String.valueOf(SECONDS), "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", String.valueOf(FPS),
        "-c:a", "aac", "-f", "mp4", "-movflags", "+frag_keyframe+empty_moov+default_base_moof", "-frag_duration", "200000",
        "pipe:1").redirectError(dir.resolve("ffmpeg.log").toFile()).start();
    List<InitSection> inits = new ArrayList<>();
    List<Arrival> parts = new ArrayList<>();
    List<CmafSegment> segments = new ArrayList<>();
    try {
      new CmafCutter(new CmafCutter.Output() {
        @Override
        public void init(InitSection init) {
          inits.add(init);
        }

        @Override
        public void part(CmafPart part) {
          parts.add(new Arrival(part, System.nanoTime()));
        }

        @Override
        public void segment(CmafSegment segment) {
          segments.add(segment);
        }
      }, 1_000_000, 1, CmafLimits.defaults()).run(new Mp4BoxReader(ffmpeg.getInputStream(), 1 << 24));
    } finally {
      ffmpeg.destroy();
      ffmpeg.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(ffmpeg.exitValue()).as(Files.readString(dir.resolve("ffmpeg.log"))).isZero();

    assertThat(inits).singleElement().satisfies(i -> {
      assertThat(i.tracks()).hasSize(2);
      assertThat(i.timingTrack().isVideo()).isTrue();
    });
    assertThat(segments).hasSizeBetween(SECONDS, SECONDS + 1);
    List<CmafSegment> whole = segments.subList(0, SECONDS - 1); // the last may be short
    assertThat(whole).allSatisfy(s -> {
      assertThat(s.independent()).isTrue();
      assertThat(s.durationMicros()).isBetween(1_000_000L - 40_000, 1_000_000L + 40_000);
      assertThat(s.parts()).hasSizeBetween(4, 6)
          .allSatisfy(p -> assertThat(p.durationMicros()).isLessThanOrEqualTo(240_000));
    });
    // Real time: the parts of one segment arrive spread over most of its second, not all at its end.
    for (CmafSegment s : whole) {
      List<Arrival> of = parts.stream().filter(a -> a.part().sequence() == s.sequence()).toList();
      long spreadMillis = TimeUnit.NANOSECONDS.toMillis(of.get(of.size() - 1).nanos() - of.get(0).nanos());
      assertThat(spreadMillis).as("segment %d's parts arrived over %d ms", s.sequence(), spreadMillis)
          .isGreaterThanOrEqualTo(500);
    }

    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(inits.get(0).bytes());
    segments.forEach(s -> all.writeBytes(s.bytes()));
    Path joined = dir.resolve("joined.mp4");
    Files.write(joined, all.toByteArray());
    Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v", "-count_frames",
        "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", joined.toString()).redirectErrorStream(true).start();
    String frames = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(probe.waitFor()).isZero();
    assertThat(frames).isEqualTo(String.valueOf(SECONDS * FPS));
    Process decode = new ProcessBuilder("ffmpeg", "-v", "error", "-xerror", "-i", joined.toString(), "-f", "null", "-")
        .redirectErrorStream(true).start();
    String errors = new String(decode.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(decode.waitFor()).as(errors).isZero();
    assertThat(errors).isBlank();
  }
}
