package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.ownerless.app.testing.TrackerSocket;
import org.ownerless.viewer.SwarmHashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.TestPublisher;
import org.ownerless.app.testing.Waits;
import org.ownerless.ingest.transcode.Ladder;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.StreamStatus;
import org.ownerless.protocol.model.TipTargets;
import org.ownerless.protocol.verify.Verifier;

/** RTMP in, `verify URL` out: the node's stream is provably authentic during and after the stream. */
@Tag("e2e")
class NodeEndToEndTest {
  @TempDir Path data;

  static NodeSettings options(Path data, int httpPort, int rtmpPort, Duration endAfter) {
    return NodeSettings.builder().name("show").dataDir(data).host("127.0.0.1").httpPort(httpPort).rtmpPort(rtmpPort)
        .publishToken("e2e-token-42").title("End to end").ladder("src,144p:144:200").segmentSeconds(2.0)
        .endAfter(endAfter).build();
  }

  @Test
  void aStreamPublishedOverRtmpVerifiesWhileLiveAndAfterItEnds() throws Exception {
    Signer creator = Signer.generate();
    try (Node node = Node.start(options(data, 0, 0, Duration.ofSeconds(3)), creator)) {
      File log = data.resolve("publisher.log").toFile();
      Process ffmpeg = TestPublisher.start(node.obsServer(), node.obsStreamKey(), 12, log, "testsrc", 15);
      try {
        Path src = data.resolve(node.stream().path()).resolve("src/roots/1-3.json");
        awaitFile(src, Duration.ofSeconds(40), () -> readQuietly(log.toPath()));

        Cli.Run live = Cli.run("verify", node.streamUrl());
        assertThat(live.code()).as(live.out()).isZero();
        assertThat(live.out()).contains("OK " + node.stream()).contains("src log size").contains("144p log size");

        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path announce = data.resolve(node.stream().path()).resolve("announce.json");
        Waits.until(Duration.ofSeconds(20), () -> "the announce to say ENDED",
            () -> status(announce, creator) == StreamStatus.ENDED);

        Cli.Run ended = Cli.run("verify", node.streamUrl(), "--pubkey", creator.publicKey().toBase64Url());
        assertThat(ended.code()).as(ended.out()).isZero();
        assertThat(ended.out()).contains("ended");

        // The announce names the node's own tracker, and it answers there.
        String tracker = Verifier.verifyAnnounce(Files.readAllBytes(announce), creator.publicKey(),
            System.currentTimeMillis()).content().trackers().get(0);
        assertThat(tracker).isEqualTo("ws://127.0.0.1:" + node.httpPort() + "/announce");
        java.util.concurrent.CompletableFuture<String> reply = new java.util.concurrent.CompletableFuture<>();
        java.net.http.WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(tracker),
            new java.net.http.WebSocket.Listener() {
              @Override
              public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data,
                  boolean last) {
                reply.complete(data.toString());
                return null;
              }
            }).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"action\":\"scrape\",\"info_hash\":\"aaaaaaaaaaaaaaaaaaaa\"}", true);
        assertThat(reply.get(10, TimeUnit.SECONDS)).contains("\"action\":\"scrape\"");
        ws.abort();
        // It serves the swarms of the renditions the ingest decided, as the viewers name them.
        var signed = Verifier.verifyAnnounce(Files.readAllBytes(announce), creator.publicKey(),
            System.currentTimeMillis()).content().renditions();
        try (TrackerSocket socket = new TrackerSocket(tracker)) {
          for (var r : signed) {
            assertThat(socket.send(TrackerSocket.announce(SwarmHashes.infoHash(node.stream(), r),
                "-WW0001-aaaaaaaaaaaa"))).as(r.name()).contains("\"interval\":").doesNotContain("failure reason");
          }
          assertThat(socket.send(TrackerSocket.announce("aaaaaaaaaaaaaaaaaaaa", "-WW0001-aaaaaaaaaaaa")))
              .contains("info_hash not allowed");
        }

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(node.publicUrl() + "metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("ownerless_segments_signed_total").contains("ownerless_segment_publish_seconds");
      } finally {
        ffmpeg.destroyForcibly();
      }
    }
  }

  static StreamStatus status(Path announce, Signer creator) throws Exception {
    return Verifier.verifyAnnounce(Files.readAllBytes(announce), creator.publicKey(), System.currentTimeMillis())
        .content().status();
  }

  static void awaitFile(Path file, Duration timeout, Supplier<String> log) {
    Waits.until(timeout, () -> file + "; log:\n" + log.get(), () -> Files.exists(file));
  }

  static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
