package org.ownerless.app.relay;

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

/** The relays' upstream in tests: a real node on loopback fed over RTMP by a real ffmpeg. */
final class LiveSource implements AutoCloseable {
  final Node node;
  final Signer creator;
  final Path data;
  private final Process publisher;

  private LiveSource(Node node, Signer creator, Path data, Process publisher) {
    this.node = node;
    this.creator = creator;
    this.data = data;
    this.publisher = publisher;
  }

  static LiveSource start(Path data, String ladder, int seconds) throws Exception {
    Signer creator = Signer.generate();
    NodeOptions options = new NodeOptions("show", data.resolve("creator.key"), data, "127.0.0.1", 0, 0,
        "relay-test-token", null, "Relay test", TipTargets.NONE, LatencyMode.NORMAL, Ladder.parse(ladder), 2.0, 10, 0,
        Duration.ofSeconds(30), false, List.of(), List.of(), null, null, "ffmpeg", null);
    Node node = Node.start(options, creator);
    try {
      // A small moving picture and a tone, in real time: light enough for two shared cores.
      Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "warning", "-nostdin", "-re",
          "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=15", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
          "-t", String.valueOf(seconds), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast",
          "-tune", "zerolatency", "-g", "30", "-c:a", "aac", "-b:a", "64k", "-f", "flv",
          node.obsServer() + "/" + node.obsStreamKey())
          .redirectErrorStream(true).redirectOutput(data.resolve("publisher.log").toFile()).start();
      return new LiveSource(node, creator, data, ffmpeg);
    } catch (IOException e) {
      node.close();
      throw e;
    }
  }

  String streamPath() {
    return node.stream().toString();
  }

  /** The node's own copy of a file below its stream directory, e.g. "src/seg-1-000003.ts". */
  byte[] file(String relative) throws IOException {
    return Files.readAllBytes(data.resolve(node.stream().path()).resolve(relative));
  }

  boolean publishing() {
    return publisher.isAlive();
  }

  String publisherLog() throws IOException {
    File log = data.resolve("publisher.log").toFile();
    return log.exists() ? Files.readString(log.toPath()) : "";
  }

  @Override
  public void close() {
    publisher.destroyForcibly();
    node.close();
  }
}
