package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.TestPublisher;
import org.ownerless.protocol.crypto.KeyFile;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.signing.SignedObject;

/**
 * Strangers who connect to the RTMP port and start messages they never finish cannot take the
 * node's direct memory, which its HTTP origin and tracker share: a node limited to 64 MiB of it
 * stays up, and a real publisher with the token still gets its segments out.
 */
@Tag("e2e") // starts a node JVM and ffmpeg
class PreAuthMemoryTest {
  private static final String TOKEN = "preauth-token-1";
  private static final Pattern SERVER = Pattern.compile("Server (rtmp://\\S+)");
  private static final Pattern STREAM = Pattern.compile("Stream: (http://\\S+)");
  /** What the ingest lets a connection hold before publishing: 4 chunk streams × 32 KiB = 128 KiB. */
  private static final int HOLDERS = 40;
  /** Declaring 8 MiB messages, which used to be let through before publish: 8 × 1 MiB held each. */
  private static final int GRABBERS = 20;
  /** Clients per source address, under the node's 16; ffmpeg alone uses 127.0.0.1. */
  private static final int PER_ADDRESS = 12;

  @TempDir Path data;

  @Test
  void partialMessagesFromManyStrangersLeaveTheNodeUpAndAPublisherStreaming() throws Exception {
    KeyFile.write(data.resolve("creator.key"), Signer.generate(), false);
    Path nodeLog = data.resolve("node.log");
    Process node = startNode(nodeLog);
    List<Socket> holders = new ArrayList<>();
    List<Socket> grabbers = new ArrayList<>();
    Process ffmpeg = null;
    try {
      String banner = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .failFast("the node exited", () -> !node.isAlive())
          .until(() -> Files.readString(nodeLog), o -> SERVER.matcher(o).find() && STREAM.matcher(o).find());
      String rtmpServer = group(SERVER, banner);
      String streamUrl = group(STREAM, banner);
      int rtmpPort = URI.create(rtmpServer).getPort();

      for (int i = 0; i < HOLDERS; i++) {
        holders.add(holdAllowedPartials(rtmpPort, source(i)));
      }
      for (int i = 0; i < GRABBERS; i++) {
        grabbers.add(grabLargePartials(rtmpPort, source(HOLDERS + i)));
      }
      System.out.printf("node after the strangers connected: direct buffers (NMT Other): %s%n",
          directBuffers(node.pid()));
      ffmpeg = TestPublisher.start(rtmpServer, "show?token=" + TOKEN, 90, data.resolve("ffmpeg.log").toFile(),
          "testsrc", 15);
      Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> Files.readString(nodeLog).contains("publishing \"show\""));
      // While the publisher starts, every stranger that kept to the before-publish limits is still there.
      assertThat(holders).allSatisfy(s -> assertThat(openAfterReading(s)).as("holder open").isTrue());

      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .failFast("the node exited", () -> !node.isAlive())
          .until(() -> treeSize(streamUrl) >= 3);

      String log = Files.readString(nodeLog);
      assertThat(node.isAlive()).isTrue();
      assertThat(log).doesNotContain("OutOfMemoryError").doesNotContain("OutOfDirectMemoryError")
          .contains("exceeds the limit of 65536 bytes before a publish is accepted")
          .doesNotContain("refusing RTMP (not yet publishing) connections");
      System.out.printf("node under attack: %s; direct buffers (NMT Other): %s%n", residentMemory(node.pid()),
          directBuffers(node.pid()));
    } finally {
      if (ffmpeg != null) {
        ffmpeg.destroyForcibly().waitFor();
      }
      for (Socket s : holders) {
        s.close();
      }
      for (Socket s : grabbers) {
        s.close();
      }
      node.destroy();
      if (!node.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        node.destroyForcibly().waitFor();
      }
    }
  }

  /** `ownerless node` in its own JVM with a small heap and 64 MiB of direct memory. */
  private Process startNode(Path log) throws IOException {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx192m", "-XX:MaxDirectMemorySize=64m", "-XX:NativeMemoryTracking=summary",
        "-cp", System.getProperty("java.class.path"), "org.ownerless.app.Main", "node", "--data", data.toString(),
        "--host", "127.0.0.1", "--http-port", "0", "--rtmp-port", "0", "--name", "show",
        "--publish-token", TOKEN, "--ladder", "src", "--end-after", "60s");
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    m.find();
    return m.group(1);
  }

  /** 127.0.0.2, .3, …: Linux answers the whole 127/8 on loopback, so each is a distinct client address. */
  private static InetAddress source(int client) throws IOException {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + client / PER_ADDRESS)});
  }

  /**
   * Four 64 KiB messages in 32 KiB chunks, the first chunk of each sent: 128 KiB held, exactly the
   * most a connection may hold before publishing.
   */
  private static Socket holdAllowedPartials(int port, InetAddress from) throws IOException {
    Socket s = handshake(port, from);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    setChunkSize(b, 32 << 10);
    for (int csid = 4; csid < 8; csid++) {
      videoHeader(b, csid, 64 << 10);
      b.writeBytes(new byte[32 << 10]);
    }
    s.getOutputStream().write(b.toByteArray());
    s.getOutputStream().flush();
    return s;
  }

  /**
   * Eight 8 MiB messages in 1 MiB chunks, the first chunk of each sent: 8 MiB a connection, what
   * the ingest let anyone hold before. Now the first header closes the connection, so writing the
   * rest may fail.
   */
  private static Socket grabLargePartials(int port, InetAddress from) throws IOException {
    Socket s = handshake(port, from);
    try {
      OutputStream out = s.getOutputStream();
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      setChunkSize(b, 1 << 20);
      out.write(b.toByteArray());
      byte[] chunk = new byte[1 << 20];
      for (int csid = 4; csid < 12; csid++) {
        b.reset();
        videoHeader(b, csid, 8 << 20);
        out.write(b.toByteArray());
        out.write(chunk);
      }
      out.flush();
    } catch (IOException closedByTheNode) {
      // expected with the before-publish limits
    }
    return s;
  }

  private static Socket handshake(int port, InetAddress from) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(from, 0));
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    s.setSoTimeout(5000);
    byte[] c1 = new byte[1536];
    new Random(7).nextBytes(c1);
    OutputStream out = s.getOutputStream();
    out.write(3);
    out.write(c1);
    out.flush();
    byte[] s0s1s2 = s.getInputStream().readNBytes(1 + 2 * 1536);
    if (s0s1s2.length != 1 + 2 * 1536) {
      throw new IOException("the node closed during the handshake");
    }
    out.write(s0s1s2, 1, 1536); // C2 echoes S1
    return s;
  }

  /** Set Chunk Size on chunk stream 2 (RTMP 1.0 §5.4.1). */
  private static void setChunkSize(ByteArrayOutputStream b, int size) {
    b.write(0x02);
    b.writeBytes(new byte[] {0, 0, 0, 0, 0, 4, 1, 0, 0, 0, 0});
    b.writeBytes(new byte[] {(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size});
  }

  /** A Type 0 chunk header of a video message of {@code length} on message stream 1. */
  private static void videoHeader(ByteArrayOutputStream b, int csid, int length) {
    b.write(csid);
    b.writeBytes(new byte[] {0, 0, 0, (byte) (length >>> 16), (byte) (length >>> 8), (byte) length, 9, 1, 0, 0, 0});
  }

  /** Drains what the node sent; false once it has closed the connection. */
  private static boolean openAfterReading(Socket s) {
    try {
      s.setSoTimeout(50);
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      while (true) {
        if (in.read(buf) < 0) {
          return false;
        }
      }
    } catch (SocketTimeoutException stillOpen) {
      return true;
    } catch (IOException reset) {
      return false;
    }
  }

  private static long treeSize(String streamUrl) {
    try {
      HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(streamUrl + "src/manifest.json")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      return r.statusCode() == 200 ? ManifestRoot.fromSigned(SignedObject.parse(r.body())).treeSize() : 0;
    } catch (Exception notYet) {
      return 0;
    }
  }

  /** Peak and current resident memory of the node, from /proc. */
  private static String residentMemory(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
        .filter(l -> l.startsWith("VmHWM") || l.startsWith("VmRSS"))
        .map(l -> l.replaceAll("\\s+", " "))
        .reduce((a, c) -> a + ", " + c).orElse("?");
  }

  /** NMT's "Other" category, where the JDK's direct ByteBuffers (Netty's here) are counted; a figure for the record. */
  private static String directBuffers(long pid) {
    try {
      Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          String.valueOf(pid), "VM.native_memory", "summary").redirectErrorStream(true).start();
      String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      jcmd.waitFor();
      return out.lines().filter(l -> l.contains("Other (reserved"))
          .map(l -> l.replaceFirst("^[-\\s]*", "")).findFirst().orElse("?");
    } catch (IOException | InterruptedException e) {
      return "? (" + e + ")";
    }
  }
}
