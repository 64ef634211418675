package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.CapturedLog;
import org.ownerless.app.testing.TestPublisher;
import org.ownerless.ingest.transcode.CrashLoop;
import org.ownerless.protocol.crypto.Signer;

/**
 * ffmpeg crashes on every start (a wrapper around the real one that kills itself with SIGSEGV while
 * a marker file exists): restarts are bounded by the back-off, the log says "crash-looping" once
 * with ffmpeg's last line, {@code /metrics} shows it, nothing leaks, the publisher stays connected,
 * and once the cause is gone segments flow again and the status clears.
 */
@Tag("e2e")
class TranscoderCrashLoopTest {
  private static final String ERROR_LINE = "crash-test: Error while opening encoder for output stream #0:0";
  @TempDir Path data;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aCrashLoopingTranscoderBacksOffSaysSoOnceShowsItInMetricsLeaksNothingAndRecovers() throws Exception {
    Path marker = Files.createFile(data.resolve("crash"));
    NodeSettings settings = NodeSettings.builder().name("show").dataDir(data).host("127.0.0.1").httpPort(0)
        .rtmpPort(0).publishToken("crash-loop-token").ladder("src").segmentSeconds(1.0)
        .ffmpeg(crashingFfmpeg(marker).toString()).build();
    try (CapturedLog log = new CapturedLog("org.ownerless.ingest.transcode");
        Node node = Node.start(settings, Signer.generate())) {
      Process publisher = TestPublisher.start(node.obsServer(), node.obsStreamKey(), 120,
          data.resolve("publisher.log").toFile(), "testsrc", 15);
      try {
        await("the crash loop to be reported").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
            .until(() -> metric(node, "ownerless_transcoder_crash_looping") == 1);
        double crashesAtStart = metric(node, "ownerless_transcoder_crashes_total");
        long fdsAtStart = openFiles();
        // Back-off 2, 4, 8 s from here: at most 4 more in 15 s; a loop restarting on every keyframe (1 s) makes 15.
        await("15 s of crash loop").during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> metric(node, "ownerless_transcoder_crashes_total") - crashesAtStart <= 4);

        assertThat(metric(node, "ownerless_transcoder_crash_looping")).isEqualTo(1);
        assertThat(metric(node, "ownerless_transcoder_last_exit_code")).as("128 + SIGSEGV").isEqualTo(139);
        assertThat(log.linesContaining("crash-looping")).singleElement().asString()
            .contains("code 139", "\"" + ERROR_LINE + "\"");
        assertThat(log.linesContaining("ffmpeg [show]:")).as("ffmpeg's own lines, logged only until the loop is known")
            .hasSizeLessThanOrEqualTo(CrashLoop.LOOPING_AFTER);
        assertThat(log.linesContaining("started")).as("runs started, logged only until the loop is known")
            .hasSizeLessThanOrEqualTo(CrashLoop.LOOPING_AFTER);
        assertThat(log.linesContaining("exited with code")).as("one line for the first crash, not one per restart")
            .hasSize(1);
        assertThat(log.linesContaining("queue full")).as("a crashed run's input is not an overflow").isEmpty();
        assertThat(transcoderProcesses()).as("ffmpeg processes left behind").isLessThanOrEqualTo(1);
        assertThat(ffmpegThreads()).as("threads of finished runs").isLessThanOrEqualTo(8);
        assertThat(openFiles()).as("file descriptors").isLessThanOrEqualTo(fdsAtStart + 8);
        assertThat(publisher.isAlive()).as("the publisher stays connected through the loop").isTrue();

        Files.delete(marker);
        await("segments again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
            .until(() -> metric(node, "ownerless_segments_signed_total") >= 2);
        assertThat(metric(node, "ownerless_transcoder_crash_looping")).isZero();
        assertThat(metric(node, "ownerless_transcoder_consecutive_crashes")).isZero();
        assertThat(log.linesContaining("the transcoder recovered")).hasSize(1);
        assertThat(publisher.isAlive()).isTrue();
      } finally {
        publisher.destroyForcibly().waitFor();
      }
    }
  }

  /** An "ffmpeg" that prints an error and kills itself while {@code marker} exists, and is the real one after. */
  private Path crashingFfmpeg(Path marker) throws IOException {
    Path script = data.resolve("crashing-ffmpeg");
    Files.writeString(script, "#!/bin/sh\n"
        + "if [ -e '" + marker + "' ]; then\n"
        + "  echo '" + ERROR_LINE + "' >&2\n"
        + "  kill -SEGV $$\n"
        + "fi\n"
        + "exec ffmpeg \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private double metric(Node node, String name) throws Exception {
    String text = http.send(HttpRequest.newBuilder(URI.create(node.publicUrl() + "metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  /** The node's ffmpeg children (the wrapper execs ffmpeg, so each run is one process). */
  private static long transcoderProcesses() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains("-segment_list")
            || p.info().commandLine().orElse("").contains("crashing-ffmpeg")).count();
  }

  private static long ffmpegThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("ffmpeg-")).count();
  }

  private static long openFiles() throws IOException {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}
