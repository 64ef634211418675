package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.NginxRtmp;
import org.ownerless.app.testing.TestPublisher;
import org.ownerless.app.testing.Waits;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.StreamStatus;
import org.ownerless.protocol.verify.Verifier;

/**
 * Bring your own packager: nginx-rtmp ingests and segments, the node only follows its HLS directory and
 * signs it; `verify URL` accepts the result while live and after the publisher stopped.
 */
@Tag("e2e")
class HlsInputFromNginxRtmpTest {
  @TempDir Path tmp;

  @Test
  void aStreamPackagedByNginxRtmpIsPublishedSignedAndVerifies() throws Exception {
    Path hls = tmp.resolve("hls"); // not there yet: nginx creates it when the publisher starts
    Path data = tmp.resolve("data");
    Signer creator = Signer.generate();
    NodeSettings settings = HlsInputNodes.settings(data, hls);
    try (Node node = Node.start(settings, creator);
        NginxRtmp nginx = NginxRtmp.start(tmp.resolve("nginx"), hls)) {
      assertThat(node.rtmpPort()).as("no RTMP port of its own").isEqualTo(-1);
      File log = tmp.resolve("publisher.log").toFile();
      Process ffmpeg = TestPublisher.start(nginx.rtmpUrl(), "show", 14, log, "testsrc", 25);
      try {
        Path stream = data.resolve(node.stream().path());
        NodeEndToEndTest.awaitFile(stream.resolve("src/roots/1-4.json"), Duration.ofSeconds(60),
            () -> HlsInputNodes.readQuietly(log.toPath()) + "\nnginx:\n" + nginx.log());

        Cli.Run live = Cli.run("verify", node.streamUrl());
        assertThat(live.code()).as(live.out()).isZero();
        assertThat(live.out()).contains("OK " + node.stream()).contains("src log size");
        // nginx-rtmp writes no master playlist: the size and codecs come from ffprobe on a segment.
        Rendition src = HlsInputNodes.announced(stream, creator).get(0);
        assertThat(src.name()).isEqualTo("src");
        assertThat(src.width()).isEqualTo(320);
        assertThat(src.height()).isEqualTo(180);
        assertThat(src.codecs()).startsWith("avc1.").contains("mp4a.40.2");

        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // nginx-rtmp's playlist then stops changing: the publisher is treated as gone, the stream ends.
        Path announce = stream.resolve("announce.json");
        Waits.until(Duration.ofSeconds(30), () -> "the announce to say ENDED",
            () -> NodeEndToEndTest.status(announce, creator) == StreamStatus.ENDED);
        Cli.Run ended = Cli.run("verify", node.streamUrl(), "--pubkey", creator.publicKey().toBase64Url());
        assertThat(ended.code()).as(ended.out()).isZero();
        assertThat(ended.out()).contains("ended");
      } finally {
        ffmpeg.destroyForcibly();
      }
    }
  }
}
