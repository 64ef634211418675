package org.ownerless.ingest.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fMP4 path on real ffmpeg output: FfmpegArgs' command (a copy rung and a 144p rung) run over
 * a 6 s 320x180 FLV with the segment lists in plain files instead of FIFOs, then every listed file
 * split by Fmp4Segments. ffmpeg itself judges the result: init + media segments must decode.
 */
@Tag("e2e") // runs ffmpeg
class Fmp4SegmentsTest {
  @TempDir
  static Path dir;
  private static final List<String> RENDITIONS = CopyAnd144p.NAMES;
  private static final List<List<String>> listed = new ArrayList<>();

  @BeforeAll
  static void packageASixSecondSource() throws Exception {
    Path flv = CopyAnd144p.sixSecondFlv(dir, 25);
    List<SelectedRendition> renditions = CopyAnd144p.renditions();
    List<Path> dirs = new ArrayList<>();
    List<Path> lists = new ArrayList<>();
    for (String r : RENDITIONS) {
      dirs.add(Files.createDirectories(dir.resolve(r)));
      lists.add(dir.resolve(r + ".csv"));
    }
    List<String> command = new ArrayList<>(
        FfmpegArgs.build("ffmpeg", renditions, true, 2.0, SegmentFormat.FMP4, dirs, lists));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = p.getOutputStream()) {
      Files.copy(flv, in);
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    for (Path list : lists) {
      listed.add(Files.readAllLines(list, StandardCharsets.US_ASCII));
    }
  }

  @Test
  void everyListedFileSplitsIntoAMoofFirstMediaSegmentAndTheRunsOneInitWhoseBytesAreIdenticalInEveryFile()
      throws Exception {
    for (int r = 0; r < RENDITIONS.size(); r++) {
      Path renditionDir = copiesOf(r, "split");
      assertThat(listed.get(r)).hasSizeGreaterThanOrEqualTo(3);
      List<byte[]> originals = new ArrayList<>();
      for (String line : listed.get(r)) {
        originals.add(Files.readAllBytes(renditionDir.resolve(line.split(",")[0])));
      }
      Fmp4Segments segments = new Fmp4Segments(renditionDir);
      List<Fmp4Segments.Split> splits = new ArrayList<>();
      for (String line : listed.get(r)) {
        splits.add(segments.split(renditionDir.resolve(line.split(",")[0])));
      }
      Path init = splits.get(0).init();
      byte[] initBytes = Files.readAllBytes(init);
      assertThat(boxType(initBytes, 0)).isEqualTo("ftyp");
      for (int i = 0; i < splits.size(); i++) {
        Fmp4Segments.Split s = splits.get(i);
        assertThat(s.init()).as("one init file per run").isEqualTo(init);
        assertThat(s.media().getFileName().toString()).endsWith(".m4s");
        byte[] media = Files.readAllBytes(s.media());
        assertThat(boxType(media, 0)).isEqualTo("moof");
        byte[] original = originals.get(i);
        assertThat(Arrays.copyOfRange(original, 0, initBytes.length)).as("the init of file %d", i).isEqualTo(initBytes);
        assertThat(Arrays.copyOfRange(original, initBytes.length, original.length)).isEqualTo(media);
      }
      assertThat(Files.list(renditionDir).filter(f -> f.toString().endsWith(".mp4") && !f.equals(init)))
          .as("the self-contained files are gone").isEmpty();
    }
  }

  @Test
  void theInitFollowedByTheMediaSegmentsDecodesWithoutErrorAtTheRungsSize() throws Exception {
    Path renditionDir = copiesOf(1, "decode");
    Fmp4Segments segments = new Fmp4Segments(renditionDir);
    Path joined = dir.resolve("joined.mp4");
    try (OutputStream out = Files.newOutputStream(joined)) {
      boolean first = true;
      for (String line : listed.get(1)) {
        Fmp4Segments.Split s = segments.split(renditionDir.resolve(line.split(",")[0]));
        if (first) {
          Files.copy(s.init(), out);
          first = false;
        }
        Files.copy(s.media(), out);
      }
    }
    assertThat(run(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", joined.toString(), "-f", "null", "-")))
        .isEmpty();
    assertThat(run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
        "stream=width,height", "-of", "csv=p=0", joined.toString()))).isEqualTo("256,144");
  }

  @Test
  void eachMediaSegmentKeepsItsPlaceOnTheTimelineWithTheInitItStartsAtItsListedTime() throws Exception {
    Path renditionDir = copiesOf(0, "timeline");
    Fmp4Segments segments = new Fmp4Segments(renditionDir);
    for (String line : listed.get(0).subList(1, listed.get(0).size())) {
      String[] f = line.split(",");
      Fmp4Segments.Split s = segments.split(renditionDir.resolve(f[0]));
      Path alone = renditionDir.resolve("alone-" + f[0]);
      Files.write(alone, Files.readAllBytes(s.init()));
      Files.write(alone, Files.readAllBytes(s.media()), StandardOpenOption.APPEND);
      // A player places an fMP4 segment by its tfdt: one that restarted at 0 in every file would
      // jump back at each segment boundary. The tolerance is the composition offset (no edit list).
      double start = Double.parseDouble(run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0",
          "-show_entries", "stream=start_time", "-of", "csv=p=0", alone.toString())));
      assertThat(start).as("start of %s", f[0]).isCloseTo(Double.parseDouble(f[1]), Offset.offset(0.25));
    }
  }

  @Test
  void aFileCutOffInsideItsLastBoxOrWithoutAFragmentIsNotWholeAndIsNeverSplit() throws Exception {
    Path good = dir.resolve("src").resolve(listed.get(0).get(0).split(",")[0]);
    byte[] bytes = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.mp4");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 100));
    assertThatThrownBy(() -> Fmp4Split.layout(cut)).isInstanceOf(Fmp4Split.NotWhole.class)
        .hasMessageContaining("claims");
    Path initOnly = dir.resolve("init-only.mp4");
    Fmp4Split.Layout layout = Fmp4Split.layout(good);
    Files.write(initOnly, Arrays.copyOf(bytes, (int) layout.mediaStart()));
    assertThatThrownBy(() -> Fmp4Split.layout(initOnly)).isInstanceOf(Fmp4Split.NotWhole.class)
        .hasMessageContaining("moof");
    Path empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
    assertThatThrownBy(() -> Fmp4Split.layout(empty)).isInstanceOf(Fmp4Split.NotWhole.class);
    Path ts = Files.write(dir.resolve("ts.mp4"), new byte[] {0x47, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    assertThatThrownBy(() -> Fmp4Split.layout(ts)).isInstanceOf(Fmp4Split.NotWhole.class);
  }

  /** A fresh copy of rendition {@code r}'s listed files (ffmpeg's output stays untouched for the other tests). */
  private static Path copiesOf(int r, String purpose) throws IOException {
    Path copies = Files.createDirectories(dir.resolve(purpose + "-" + RENDITIONS.get(r)));
    for (String line : listed.get(r)) {
      String name = line.split(",")[0];
      Files.copy(dir.resolve(RENDITIONS.get(r)).resolve(name), copies.resolve(name));
    }
    return copies;
  }

  private static String boxType(byte[] bytes, int at) {
    return new String(bytes, at + 4, 4, StandardCharsets.ISO_8859_1);
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8).trim();
  }
}
