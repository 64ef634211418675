package org.ownerless.app.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.ownerless.app.node.Node;
import org.ownerless.app.node.NodeSettings;
import org.ownerless.ingest.transcode.Ladder;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;

/** A real node on loopback with the {@link TestPublisher} feeding it over RTMP. */
public final class LiveNode implements AutoCloseable {
  public final Node node;
  public final Signer creator;
  public final Path data;
  private final Process publisher;

  private LiveNode(Node node, Signer creator, Process publisher, Path data) {
    this.node = node;
    this.creator = creator;
    this.publisher = publisher;
    this.data = data;
  }

  /** Stream "show", titled "Viewer test", normal latency, no tips. */
  public static LiveNode start(Path data, String ladder, int seconds) throws Exception {
    return start(data, ladder, LatencyMode.NORMAL, TipTargets.NONE, seconds);
  }

  public static LiveNode start(Path data, String ladder, LatencyMode latency, TipTargets tips, int seconds)
      throws Exception {
    return start(data, ladder, latency, tips, seconds, null);
  }

  public static LiveNode start(Path data, String ladder, LatencyMode latency, TipTargets tips, int seconds,
      String reownProjectId) throws Exception {
    return start(NodeSettings.builder().name("show").dataDir(data).host("127.0.0.1").httpPort(0).rtmpPort(0)
        .publishToken("viewer-test-token").title("Viewer test").tips(tips).latency(latency).ladder(ladder)
        .segmentSeconds(2.0).reownProjectId(reownProjectId).build(), seconds);
  }

  /** Any node configuration, with the test publisher feeding it for {@code seconds}. */
  public static LiveNode start(NodeSettings options, int seconds) throws Exception {
    return start(options, Signer.generate(), seconds);
  }

  /** A node streaming as {@code creator} (one whose stream URL a test gave out before the node ran). */
  public static LiveNode start(NodeSettings options, Signer creator, int seconds) throws Exception {
    return start(options, creator, seconds, TestPublisher.GOP_FRAMES);
  }

  /**
   * As {@link #start(NodeSettings, int)}, the publisher sending a keyframe every {@code gopFrames} frames:
   * segments shorter than its default 2 s need keyframes as often, or the copied rung cannot be cut there.
   */
  public static LiveNode start(NodeSettings options, int seconds, int gopFrames) throws Exception {
    return start(options, Signer.generate(), seconds, gopFrames);
  }

  private static LiveNode start(NodeSettings options, Signer creator, int seconds, int gopFrames)
      throws Exception {
    Path data = options.dataDir();
    Node node = Node.start(options, creator);
    Process ffmpeg;
    try {
      ffmpeg = TestPublisher.start(node.obsServer(), node.obsStreamKey(), seconds,
          data.resolve("publisher.log").toFile(), TestPublisher.TESTSRC2, gopFrames);
    } catch (IOException e) {
      node.close();
      throw e;
    }
    return new LiveNode(node, creator, ffmpeg, data);
  }

  /** Waits until rendition {@code rend} has published {@code segments} segments. */
  public void awaitSegments(String rend, int segments, Duration timeout) throws Exception {
    Path roots = data.resolve(node.stream().path()).resolve(rend).resolve("roots");
    // Roots are named EPOCH-SIZE.json: the node's current epoch is whichever has that size.
    java.util.function.BooleanSupplier published = () -> {
      try (var files = Files.list(roots)) {
        return files.anyMatch(f -> f.getFileName().toString().endsWith("-" + segments + ".json"));
      } catch (IOException e) {
        return false; // not there yet
      }
    };
    try {
      // A publisher that has exited will publish nothing more: fail then instead of at the timeout.
      await().atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(100))
          .failFast("the publisher exited", () -> !publisher.isAlive() && !published.getAsBoolean())
          .until(published::getAsBoolean);
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      throw new AssertionError("no " + segments + " segments of " + rend + " in time; publisher log:\n"
          + publisherLog(), e);
    }
  }

  public String watchUrl() {
    return node.watchUrl();
  }

  /** The node's own copy of a file below its stream directory, e.g. "src/seg-1-000003.ts". */
  public byte[] file(String relative) throws IOException {
    return Files.readAllBytes(data.resolve(node.stream().path()).resolve(relative));
  }

  public boolean publishing() {
    return publisher.isAlive();
  }

  /** What ffmpeg printed so far ("" before it printed anything). */
  public String publisherLog() throws IOException {
    Path log = data.resolve("publisher.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() {
    publisher.destroyForcibly();
    node.close();
  }
}
