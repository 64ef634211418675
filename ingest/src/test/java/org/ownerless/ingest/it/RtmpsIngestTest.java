package org.ownerless.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ownerless.ingest.RtmpsEndpoint;
import org.ownerless.ingest.transcode.Ladder;

/** RTMP over TLS: the token travels encrypted, and the TLS listener is as bounded as the plain one. */
@Tag("e2e") // real ffmpeg as the RTMPS client
class RtmpsIngestTest {
  private static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(2);
  private static Path certDir;
  private static IngestHarness h;

  @BeforeAll
  static void start() throws Exception {
    certDir = Files.createTempDirectory("rtmps-cert-");
    io.netty.handler.ssl.SslContext tls = TestCertificate.create(certDir).serverContext();
    // RTMP-level deadlines far longer than the handshake's: only the TLS deadline can explain a quick drop.
    h = new IngestHarness(Ladder.parse("src"), Duration.ofSeconds(30), Duration.ofSeconds(30),
        c -> c.withRtmps(new RtmpsEndpoint("127.0.0.1", 0, tls).withHandshakeTimeout(HANDSHAKE_DEADLINE)));
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
    try (var files = Files.list(certDir)) {
      files.forEach(f -> f.toFile().delete());
    }
    Files.deleteIfExists(certDir);
  }

  @Test
  void ffmpegPublishesOverRtmpsWithASelfSignedCertificateAndSegmentsAppear() throws Exception {
    String url = "rtmps://127.0.0.1:" + h.rtmpsPort + "/live/tls?token=" + IngestHarness.TOKEN;
    try (ExternalProcess ffmpeg = Publishers.ffmpeg(url, 320, 180, 20)) {
      assertThat(h.await(Duration.ofSeconds(30), x -> x.segments("tls", "src").size() >= 2))
          .as("segments from the RTMPS publisher: %s", ffmpeg.output()).isTrue();
    }
  }

  @Test
  void aPlainRtmpClientOnTheRtmpsPortIsClosedAndGetsNoStream() throws Exception {
    long started = System.nanoTime();
    try (RawRtmpClient plain = new RawRtmpClient(h.rtmpsPort)) {
      assertThatThrownBy(plain::handshake).isInstanceOf(IOException.class);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused at once, not at a deadline")
        .isLessThan(HANDSHAKE_DEADLINE);
    assertThat(h.await(Duration.ofSeconds(2), x -> x.server.activeConnections() == 0)).isTrue();
    assertThat(h.server.streams()).doesNotContain("plain");
  }

  @Test
  void aTlsClientThatNeverFinishesTheHandshakeIsDroppedAfterTheDeadline() throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", h.rtmpsPort), 5000);
      s.setSoTimeout(10_000);
      long started = System.nanoTime();
      // The header of a TLS handshake record promising a ClientHello that never comes.
      s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
      s.getOutputStream().flush();
      assertThat(h.await(Duration.ofSeconds(1), x -> x.server.activeConnections() == 1)).isTrue();
      InputStream in = s.getInputStream();
      int read;
      try {
        read = in.read();
      } catch (IOException reset) {
        read = -1;
      }
      Duration held = Duration.ofNanos(System.nanoTime() - started);
      assertThat(read).as("the server closed the connection").isEqualTo(-1);
      assertThat(held).as("held until the handshake deadline, not the 30 s RTMP deadlines")
          .isGreaterThanOrEqualTo(HANDSHAKE_DEADLINE.minusMillis(200)).isLessThan(Duration.ofSeconds(8));
    }
    assertThat(h.await(Duration.ofSeconds(2), x -> x.server.activeConnections() == 0)).isTrue();
  }
}
