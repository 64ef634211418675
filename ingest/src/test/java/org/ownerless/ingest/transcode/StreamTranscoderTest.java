package org.ownerless.ingest.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run supervisor against a stand-in ffmpeg: a shell script given as the ffmpeg path, which
 * reads its stdin and exits as each test needs. No media is transcoded.
 */
@Tag("e2e") // starts processes: the stand-in ffmpeg (sh) and mkfifo
class StreamTranscoderTest {
  // x264 1280x720 High 3.1 sequence header (as flv/RealEncoderFixtures) and a keyframe NALU message.
  private static final byte[] AVC_720P = HexFormat.of().parseHex("1700000000"
      + "0164001fffe1001a6764001facd9405005bb011000000300100000030320f1831960"
      + "01000668ebe3cb22c0fdf8f800");
  private static final byte[] KEYFRAME = HexFormat.of().parseHex("170100000000000002650a");

  private record Exit(int run, int exitCode, boolean crashed, List<String> stderrTail) {}

  @TempDir
  Path dir;
  private final List<Exit> exits = new CopyOnWriteArrayList<>();
  private final List<List<SelectedRendition>> renditions = new CopyOnWriteArrayList<>();
  private StreamTranscoder transcoder;

  private final TranscodeListener listener = new TranscodeListener() {
    @Override
    public void onRenditions(String stream, List<SelectedRendition> selected) {
      renditions.add(selected);
    }

    @Override
    public void onSegment(String stream, SegmentReady segment, boolean discontinuity) {}

    @Override
    public void onFfmpegExit(String stream, int run, int exitCode, boolean crashed, List<String> stderrTail) {
      exits.add(new Exit(run, exitCode, crashed, stderrTail));
    }
  };

  @AfterEach
  void closeTranscoder() {
    if (transcoder != null) {
      transcoder.close();
    }
  }

  private StreamTranscoder transcoderRunning(String script) throws IOException {
    Path ffmpeg = dir.resolve("fake-ffmpeg");
    Files.writeString(ffmpeg, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(ffmpeg, PosixFilePermissions.fromString("rwx------"));
    TranscodeConfig config = TranscodeConfig.defaults(dir.resolve("work")).withFfmpeg(ffmpeg.toString())
        .withLadder(Ladder.parse("src"));
    transcoder = new StreamTranscoder("cam", config, listener);
    return transcoder;
  }

  /** A publisher has started and sent a keyframe: the stand-in ffmpeg is running. */
  private StreamTranscoder publishingWithARun(String script) throws Exception {
    StreamTranscoder t = transcoderRunning(script);
    t.publisherStarted();
    video(t, 0, AVC_720P);
    video(t, 0, KEYFRAME);
    assertThat(t.isRunning()).isTrue();
    return t;
  }

  private static void video(StreamTranscoder t, long timestamp, byte[] payload) throws UnsupportedMediaException {
    t.onVideo(timestamp, Unpooled.wrappedBuffer(payload));
  }

  @Test
  void aCrashedRunIsReportedWithItsStderrAndRestartedOnALaterKeyframe() throws Exception {
    StreamTranscoder t = transcoderRunning("echo 'fake ffmpeg: out of cheese' >&2; exit 3");
    t.publisherStarted();
    video(t, 0, AVC_720P);
    video(t, 0, KEYFRAME);

    await().atMost(Duration.ofSeconds(20)).until(() -> !exits.isEmpty());
    assertThat(exits.get(0)).isEqualTo(new Exit(1, 3, true, List.of("fake ffmpeg: out of cheese")));
    assertThat(renditions).hasSize(1);
    assertThat(t.isRunning()).isFalse();

    // The back-off holds the restart back for a while; any keyframe after it starts run 2.
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      video(t, 40, KEYFRAME);
      return exits.size() == 2;
    });
    assertThat(exits.get(1).run()).isEqualTo(2);
    assertThat(exits.get(1).crashed()).isTrue();
    assertThat(renditions).as("renditions are decided once per stream").hasSize(1);
  }

  @Test
  void aRunEndedByThePublisherLeavingIsNotACrashAndIsNotRestarted() throws Exception {
    StreamTranscoder t = publishingWithARun("cat > /dev/null; exit 0");

    t.publisherStopped();

    await().atMost(Duration.ofSeconds(20)).until(() -> !exits.isEmpty());
    assertThat(exits.get(0).crashed()).isFalse();
    assertThat(exits.get(0).exitCode()).isZero();
    assertThat(t.isRunning()).isFalse();
    video(t, 80, KEYFRAME);
    assertThat(t.isRunning()).as("no publisher, no run").isFalse();
  }

  @Test
  void closeReturnsOnlyAfterTheLastSegmentsWereHandedOverAndTheExitReported() throws Exception {
    // An ffmpeg that takes a while to finish its last segments after being told to stop: close() must
    // not return before the run is over, or a closing node would still write into its data directory.
    StreamTranscoder t = publishingWithARun("trap 'sleep 1; exit 0' TERM; cat > /dev/null; sleep 1; exit 0");

    t.close();

    assertThat(exits).as("the exit was reported before close() returned").hasSize(1);
    assertThat(t.isRunning()).isFalse();
  }

  @Test
  void nothingStartsBeforeTheVideoSequenceHeader() throws Exception {
    StreamTranscoder t = transcoderRunning("exit 0");
    t.publisherStarted();

    video(t, 0, KEYFRAME);

    assertThat(t.isRunning()).isFalse();
    assertThat(renditions).isEmpty();
  }
}
