package org.ownerless.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.Main;
import org.ownerless.protocol.crypto.KeyFile;
import org.ownerless.protocol.model.StreamStatus;
import org.ownerless.protocol.verify.Verifier;

/** `demo`: one command gives a live, verifiable stream with a watch page, and ends it cleanly. */
class DemoCommandTest {
  @TempDir Path data;

  record Run(int code, String out, String err) {}

  static CompletableFuture<Run> runAsync(String... args) {
    return CompletableFuture.supplyAsync(() -> {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
      return new Run(code, out.toString(), err.toString());
    });
  }

  @Test
  @Tag("e2e") // real ffmpeg: the demo source and the transcoder
  void theDemoStreamsToItsOwnNodeServesTheWatchPageAndEndsCleanly() throws Exception {
    int http = freePort();
    CompletableFuture<Run> run = runAsync("demo", "--no-browser", "--data", data.toString(), "--http-port",
        String.valueOf(http), "--rtmp-port", String.valueOf(freePort()), "--duration", "30s");
    Path streams = data.resolve("streams");
    await("3 segments published by the demo source").atMost(Duration.ofSeconds(25))
        .until(() -> segments(streams) >= 3 || run.isDone());
    assertThat(segments(streams)).as("segments published by the demo source").isGreaterThanOrEqualTo(3);
    String pub = KeyFile.read(data.resolve("creator.key")).publicKey().toBase64Url();
    HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + http + "/watch/" + pub + "/demo")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("viewer.js");

    Run r = run.get(60, TimeUnit.SECONDS);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Watch:  http://127.0.0.1:" + http + "/watch/" + pub + "/demo")
        .contains("OBS:").contains("stopped after 30 s");
    Path announce = streams.resolve(pub).resolve("demo").resolve("announce.json");
    assertThat(Verifier.verifyAnnounce(Files.readAllBytes(announce), KeyFile.read(data.resolve("creator.key")).publicKey(),
        System.currentTimeMillis()).content().status()).isEqualTo(StreamStatus.ENDED);
  }

  @Test
  void aBusyPortIsOneClearLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      Run r = runAsync("demo", "--no-browser", "--data", data.toString(), "--http-port",
          String.valueOf(taken.getLocalPort()), "--rtmp-port", String.valueOf(freePort())).get(60, TimeUnit.SECONDS);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("already in use").doesNotContain("\tat ");
    }
  }

  @Test
  void aMissingFfmpegSaysWhatToInstall() throws Exception {
    Run r = runAsync("demo", "--no-browser", "--data", data.toString(), "--ffmpeg", "no-such-ffmpeg-here",
        "--http-port", String.valueOf(freePort()), "--rtmp-port", String.valueOf(freePort())).get(60, TimeUnit.SECONDS);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no-such-ffmpeg-here was not found on PATH").doesNotContain("\tat ");
  }

  @Test
  void aSegmentFormatTheNodeCannotWriteIsOneClearLine() throws Exception {
    Run r = runAsync("demo", "--no-browser", "--data", data.toString(), "--segment-format", "mkv",
        "--http-port", String.valueOf(freePort()), "--rtmp-port", String.valueOf(freePort())).get(60, TimeUnit.SECONDS);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("mkv").contains("fmp4").doesNotContain("\tat ");
    assertThat(data.resolve("streams")).as("nothing started").doesNotExist();
  }

  private static long segments(Path streams) throws Exception {
    if (!Files.exists(streams)) {
      return 0;
    }
    // The node renames its temporary files into place while we walk: a file listed and gone before the
    // walk reads it is a moving directory, not a failure, so walk again.
    for (int attempt = 1; ; attempt++) {
      try (Stream<Path> files = Files.walk(streams)) {
        return files.filter(p -> p.toString().contains("/src/") && p.toString().endsWith(".ts")).count();
      } catch (UncheckedIOException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
