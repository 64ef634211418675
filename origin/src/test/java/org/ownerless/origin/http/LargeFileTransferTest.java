package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.origin.http.StreamTree.STREAM;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeFileTransferTest {
  @TempDir Path data;
  StreamTree tree;
  byte[] content;
  RunningOrigin origin;

  @BeforeEach
  void writeFile() throws Exception {
    tree = StreamTree.in(data);
    content = new byte[5 * 1024 * 1024 + 17]; // odd size: no chunk boundary lines up with the end
    new Random(42).nextBytes(content);
    tree.write("720p/big.ts", content);
  }

  @AfterEach
  void stop() {
    if (origin != null) {
      origin.close();
    }
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void aFiveMegabyteFileArrivesIntactOverPlainHttpZeroCopy() throws Exception {
    origin = RunningOrigin.serving(tree.streams);
    HttpResponse<byte[]> res = Http.get(origin.uri(STREAM + "720p/big.ts"));
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).hasSize(content.length);
    assertThat(sha256(res.body())).isEqualTo(sha256(content));
  }

  @Test
  void aFiveMegabyteFileArrivesIntactOverTls(@TempDir Path certDir) throws Exception {
    SelfSignedCert cert = SelfSignedCert.create(certDir);
    origin = RunningOrigin.start(b -> b.staticRoot("/streams/", tree.streams).tls(cert.cert(), cert.key()));
    HttpClient client = Http.trustingAll();

    HttpResponse<byte[]> res = Http.send(client, "GET", origin.uri(STREAM + "720p/big.ts"));
    HttpResponse<byte[]> part = Http.send(client, "GET", origin.uri(STREAM + "720p/big.ts"),
        "Range", "bytes=1000000-1999999");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(sha256(res.body())).isEqualTo(sha256(content));
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(content, 1_000_000, 2_000_000));
  }

  @Test
  void aRangeInTheMiddleOfALargeFileIsExactlyThoseBytes() throws Exception {
    origin = RunningOrigin.serving(tree.streams);
    HttpResponse<byte[]> res = Http.get(origin.uri(STREAM + "720p/big.ts"), "Range", "bytes=3000001-4000000");
    assertThat(res.statusCode()).isEqualTo(206);
    assertThat(res.body()).isEqualTo(java.util.Arrays.copyOfRange(content, 3_000_001, 4_000_001));
  }

  @Test
  void aSlowButMovingDownloadOutlastsTheIdleTimeout() throws Exception {
    // The client reads a little at a time, so the transfer lasts several idle timeouts; the output
    // keeps moving, which is activity, so the idle clock must not cut it. The file is larger than
    // the kernel's socket buffers can absorb, so the server holds output for most of the transfer.
    byte[] large = new byte[24 * 1024 * 1024];
    new Random(7).nextBytes(large);
    tree.write("720p/large.ts", large);
    origin = RunningOrigin.start(b -> b.staticRoot("/streams/", tree.streams)
        .limits(OriginLimits.defaults().withIdleTimeout(Duration.ofSeconds(1))));
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    long started = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(16 * 1024);
      socket.connect(new InetSocketAddress("127.0.0.1", origin.port));
      socket.getOutputStream().write(RawClient.get(STREAM + "720p/large.ts").getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[16 * 1024];
      int headEnd = -1;
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        received.write(buf, 0, n);
        if (headEnd < 0) {
          headEnd = headerEnd(received.toByteArray());
        }
        if (headEnd > 0 && received.size() >= headEnd + large.length) {
          break; // the whole body has arrived (the connection stays open for keep-alive)
        }
        Thread.sleep(3); // a few MB/s
      }
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(3));
    byte[] all = received.toByteArray();
    assertThat(all.length).as("bytes received before the server closed").isGreaterThan(large.length);
    assertThat(new String(all, 0, 12, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
    assertThat(sha256(java.util.Arrays.copyOfRange(all, all.length - large.length, all.length)))
        .isEqualTo(sha256(large));
  }

  /** Index just past the blank line that ends the response head, or -1 while it has not arrived. */
  private static int headerEnd(byte[] b) {
    for (int i = 3; i < Math.min(b.length, 8192); i++) {
      if (b[i - 3] == '\r' && b[i - 2] == '\n' && b[i - 1] == '\r' && b[i] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  @Test
  void aTlsCertificateThatCannotBeReadFailsAtBuildTime(@TempDir Path dir) throws Exception {
    Path junk = java.nio.file.Files.writeString(dir.resolve("junk.pem"), "not a pem");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> OriginServer.builder().tls(junk, junk).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("junk.pem");
  }
}
