package org.ownerless.app.viewer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ownerless.app.node.Node;
import org.ownerless.app.node.NodeOptions;
import org.ownerless.ingest.transcode.Ladder;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;

/** A node on loopback with a real ffmpeg RTMP publisher feeding it a small test picture and tone. */
final class LiveNode implements AutoCloseable {
  final Node node;
  final Signer creator;
  final Process publisher;
  final Path data;

  private LiveNode(Node node, Signer creator, Process publisher, Path data) {
    this.node = node;
    this.creator = creator;
    this.publisher = publisher;
    this.data = data;
  }

  static LiveNode start(Path data, String ladder, LatencyMode latency, TipTargets tips, int seconds) throws Exception {
    return start(data, ladder, latency, tips, seconds, null);
  }

  static LiveNode start(Path data, String ladder, LatencyMode latency, TipTargets tips, int seconds,
      String reownProjectId) throws Exception {
    return start(new NodeOptions("show", data.resolve("creator.key"), data, "127.0.0.1", 0, 0,
        "viewer-test-token", null, "Viewer test", tips, latency, Ladder.parse(ladder), 2.0, 10, 0,
        Duration.ofSeconds(30), false, List.of(), List.of(), null, null, "ffmpeg", reownProjectId, null), seconds);
  }

  /** Any node configuration, with the test publisher feeding it for {@code seconds}. */
  static LiveNode start(NodeOptions options, int seconds) throws Exception {
    Path data = options.dataDir();
    Signer creator = Signer.generate();
    Node node = Node.start(options, creator);
    Process ffmpeg;
    try {
      ffmpeg = publish(node.obsServer(), node.obsStreamKey(), seconds, data.resolve("publisher.log").toFile());
    } catch (IOException e) {
      node.close();
      throw e;
    }
    return new LiveNode(node, creator, ffmpeg, data);
  }

  private static Process publish(String server, String key, int seconds, File log) throws IOException {
    // 320x180 at 15 fps with a moving pattern and a tone: small enough for two cores shared with browsers.
    return new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "warning", "-nostdin", "-re",
        "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=15", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
        "-t", String.valueOf(seconds), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast",
        "-tune", "zerolatency", "-g", "30", "-c:a", "aac", "-b:a", "64k", "-f", "flv", server + "/" + key)
        .redirectErrorStream(true).redirectOutput(log).start();
  }

  /** Waits until rendition {@code rend} has published {@code segments} segments. */
  void awaitSegments(String rend, int segments, Duration timeout) throws Exception {
    Path root = data.resolve(node.stream().path()).resolve(rend).resolve("roots")
        .resolve(segments + ".json");
    long end = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(root)) {
      if (System.nanoTime() > end || !publisher.isAlive() && !Files.exists(root)) {
        throw new AssertionError("no " + segments + " segments of " + rend + " in time; publisher log:\n"
            + Files.readString(data.resolve("publisher.log")));
      }
      Thread.sleep(100);
    }
  }

  String watchUrl() {
    return node.watchUrl();
  }

  @Override
  public void close() {
    publisher.destroyForcibly();
    node.close();
  }
}
