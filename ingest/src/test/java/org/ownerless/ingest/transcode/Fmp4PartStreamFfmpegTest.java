package org.ownerless.ingest.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Part mode on real ffmpeg: FfmpegArgs' part-mode command (a copy rung and a 144p rung, 2 s segments,
 * 0.5 s parts) run by FfmpegRun over a 6 s FLV, each rendition's fragmented MP4 read from its FIFO
 * and cut. Every segment's parts are handed on before the segment, they are its bytes one after the
 * other, their durations add up to its duration, and init + segments decode.
 */
@Tag("e2e") // runs ffmpeg and mkfifo
class Fmp4PartStreamFfmpegTest {
  private static final double SEGMENT = 2.0;
  private static final double PART = 0.5;
  private static final List<String> RENDITIONS = CopyAnd144p.NAMES;

  @TempDir
  static Path dir;
  /** What the run reported, per rendition, in the order it arrived. */
  private static final List<List<Object>> arrivals = List.of(new ArrayList<>(), new ArrayList<>());
  /** The segment files' bytes, taken when reported (the run directory is ffmpeg's scratch). */
  private static final List<List<byte[]>> segmentBytes = List.of(new ArrayList<>(), new ArrayList<>());
  private static int exitCode = -1;

  @BeforeAll
  static void cutASixSecondSourceIntoParts() throws Exception {
    Path flv = CopyAnd144p.sixSecondFlv(dir, 50);
    List<SelectedRendition> renditions = CopyAnd144p.renditions();
    List<Path> dirs = new ArrayList<>();
    List<Path> fifos = new ArrayList<>();
    for (String r : RENDITIONS) {
      dirs.add(Files.createDirectories(dir.resolve(r)));
      fifos.add(dir.resolve(r + ".mp4"));
    }
    List<String> command = FfmpegArgs.build("ffmpeg", renditions, true, SEGMENT, SegmentFormat.FMP4, PART, dirs,
        fifos);
    CountDownLatch exited = new CountDownLatch(1);
    FfmpegRun run = new FfmpegRun(1, "show", command, RENDITIONS, dirs, fifos, SegmentFormat.FMP4, SEGMENT, PART,
        64L << 20, new FfmpegRun.Listener() {
          @Override
          public void onSegment(FfmpegRun r, SegmentReady segment) {
            int i = RENDITIONS.indexOf(segment.rendition());
            arrivals.get(i).add(segment);
            try {
              segmentBytes.get(i).add(Files.readAllBytes(segment.file()));
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }

          @Override
          public void onPart(FfmpegRun r, PartReady part) {
            arrivals.get(RENDITIONS.indexOf(part.rendition())).add(part);
          }

          @Override
          public void onProgress(FfmpegRun r, Progress progress) {}

          @Override
          public void onExit(FfmpegRun r, int code, List<String> stderrTail) {
            exitCode = code;
            exited.countDown();
          }
        }, () -> false);
    run.start();
    assertThat(run.offer(Files.readAllBytes(flv))).isTrue();
    run.finish();
    assertThat(exited.await(60, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void everySegmentFollowsItsPartsWhichAreItsBytesInOrderAndAddUpToItsDuration() {
    assertThat(exitCode).isZero();
    for (int r = 0; r < RENDITIONS.size(); r++) {
      List<Object> seen = arrivals.get(r);
      List<PartReady> pending = new ArrayList<>();
      int segments = 0;
      for (Object o : seen) {
        if (o instanceof PartReady p) {
          assertThat(p.index()).as("parts of one segment in order").isEqualTo(pending.size());
          assertThat(p.segment()).isEqualTo(segments);
          assertThat(p.initFile()).isNotNull();
          pending.add(p);
          continue;
        }
        SegmentReady s = (SegmentReady) o;
        // A whole 2 s segment has about four 0.5 s parts; the source's last frames may make a short last one.
        boolean last = o == seen.get(seen.size() - 1);
        assertThat(pending).as("%s segment %d arrives after its parts", RENDITIONS.get(r), segments)
            .hasSizeGreaterThanOrEqualTo(last ? 1 : 3);
        assertThat(pending.get(0).independent()).isTrue();
        assertThat(s.file().getFileName().toString()).isEqualTo(segments + ".m4s");
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        pending.forEach(p -> joined.writeBytes(p.bytes()));
        assertThat(joined.toByteArray()).isEqualTo(segmentBytes.get(r).get(segments));
        assertThat(pending.stream().mapToLong(PartReady::durationUs).sum()).isEqualTo(s.durationUs());
        assertThat(pending).allSatisfy(p -> assertThat(p.durationUs()).isLessThanOrEqualTo(600_000));
        assertThat(s.initFile()).isEqualTo(pending.get(0).initFile());
        pending.clear();
        segments++;
      }
      assertThat(pending).as("no part after the last segment").isEmpty();
      assertThat(segments).as(RENDITIONS.get(r)).isBetween(3, 4);
      List<SegmentReady> whole = seen.stream().filter(SegmentReady.class::isInstance).map(SegmentReady.class::cast)
          .toList().subList(0, 2);
      assertThat(whole).allSatisfy(s -> assertThat(s.durationUs()).isBetween(1_900_000L, 2_100_000L));
    }
  }

  @Test
  void theInitFollowedByTheSegmentsDecodesWithoutError() throws Exception {
    Path joined = dir.resolve("joined.mp4");
    SegmentReady first = (SegmentReady) arrivals.get(1).stream().filter(SegmentReady.class::isInstance)
        .findFirst().orElseThrow();
    try (OutputStream out = Files.newOutputStream(joined)) {
      out.write(Files.readAllBytes(first.initFile()));
      for (byte[] b : segmentBytes.get(1)) {
        out.write(b);
      }
    }
    Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-nostdin", "-i", joined.toString(), "-f", "null", "-")
        .redirectErrorStream(true).start();
    String errors = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(errors).isEmpty();
  }
}
