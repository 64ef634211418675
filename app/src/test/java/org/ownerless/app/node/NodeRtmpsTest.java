package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.NodeProcess;
import org.ownerless.app.testing.SelfSignedCertificate;
import org.ownerless.app.testing.TestPublisher;

/** A node with a certificate takes OBS over rtmps:// and keeps clear-text RTMP on this machine. */
@Tag("e2e") // a node in its own JVM and a real ffmpeg publishing over TLS
class NodeRtmpsTest {
  private static final Pattern PLAIN = Pattern.compile("plain RTMP: (rtmp://\\S+)");

  @TempDir Path data;
  @TempDir Path certs;

  @Test
  void ffmpegPublishesOverRtmpsWithTheNodesHttpsCertificateAndPlainRtmpIsLoopbackOnly() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create(certs);
    try (NodeProcess node = NodeProcess.startNode(data, List.of("--host", "0.0.0.0", "--http-port", "0",
        "--rtmp-port", "0", "--rtmps-port", "0", "--ladder", "src", "--publish-token", "rtmps-token-1",
        "--tls-cert", cert.cert().toString(), "--tls-key", cert.key().toString()))) {
      assertThat(node.rtmpServer).startsWith("rtmps://127.0.0.1:");
      Matcher plain = PLAIN.matcher(node.output());
      assertThat(plain.find()).as(node.output()).isTrue();
      int plainPort = URI.create(plain.group(1)).getPort();
      assertThat(node.output()).contains("this machine only");
      InetAddress lan = nonLoopbackAddress();
      if (lan != null) {
        assertThat(refusesConnection(lan, plainPort)).as("plain RTMP on " + lan).isTrue();
        assertThat(refusesConnection(lan, node.rtmpPort())).as("RTMPS on " + lan).isFalse();
      }

      Process ffmpeg = TestPublisher.start(node.rtmpServer, "live?token=rtmps-token-1", 20,
          data.resolve("ffmpeg.log").toFile());
      try {
        Awaitility.await("segments published from the RTMPS publisher").atMost(Duration.ofSeconds(40))
            .pollInterval(Duration.ofMillis(200)).until(() -> segments(data.resolve("streams")) >= 2);
      } finally {
        ffmpeg.destroy();
      }
    }
  }

  private static long segments(Path streams) throws Exception {
    try (Stream<Path> files = Files.walk(streams)) {
      return files.filter(p -> p.toString().contains("/src/") && p.toString().endsWith(".ts")).count();
    } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
      return 0;
    }
  }

  private static boolean refusesConnection(InetAddress address, int port) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 2000);
      return false;
    } catch (ConnectException e) {
      return true;
    }
  }

  /** An address of this machine other than loopback, or null on a machine without one. */
  private static InetAddress nonLoopbackAddress() throws Exception {
    return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
        .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .findFirst().orElse(null);
  }
}
