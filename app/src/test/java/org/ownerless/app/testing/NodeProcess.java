package org.ownerless.app.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/** `ownerless node` as a separate JVM (same classpath as the tests), so it can be killed with SIGKILL. */
public final class NodeProcess implements AutoCloseable {
  private static final Pattern SERVER = Pattern.compile("Server (rtmps?://\\S+)");
  private static final Pattern STREAM = Pattern.compile("Stream: (https?://\\S+)");

  public final Process process;
  public final Path log;
  public String rtmpServer;
  public String streamUrl;

  private NodeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static NodeProcess start(Path data, int httpPort, int rtmpPort, String... extra) throws IOException, InterruptedException {
    return start(data, Files.createTempFile(data, "node-", ".log"), httpPort, rtmpPort, extra);
  }

  /** As {@link #start(Path, int, int, String...)}, logging to {@code log} (e.g. outside a data directory that fills up). */
  public static NodeProcess start(Path data, Path log, int httpPort, int rtmpPort, String... extra)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--http-port", String.valueOf(httpPort),
        "--rtmp-port", String.valueOf(rtmpPort), "--name", "show", "--publish-token", "crash-token-1", "--ladder", "src",
        "--end-after", "60s"));
    args.addAll(List.of(extra));
    return startNode(data, log, args);
  }

  /** `node --data DATA ARGS...`, its output (stdout and stderr, not a terminal) captured in a file. */
  public static NodeProcess startNode(Path data, List<String> args) throws IOException, InterruptedException {
    return startNode(data, Files.createTempFile(data, "node-", ".log"), args);
  }

  private static NodeProcess startNode(Path data, Path log, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("node", "--data", data.toString()));
    cmd.addAll(args);
    Process p = AppProcess.start(cmd, log);
    NodeProcess node = new NodeProcess(p, log);
    try {
      // Generous: a JVM starting on a machine busy with browsers and ffmpeg.
      node.awaitBanner(Duration.ofSeconds(60));
    } catch (IOException | InterruptedException | RuntimeException e) {
      p.destroyForcibly(); // a node that did not start must not outlive the test
      throw e;
    }
    return node;
  }

  private void awaitBanner(Duration timeout) throws IOException, InterruptedException {
    try {
      String out = Awaitility.await().atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(100))
          .failFast("the node exited", () -> !process.isAlive())
          .until(() -> Files.readString(log), o -> SERVER.matcher(o).find() && STREAM.matcher(o).find());
      Matcher s = SERVER.matcher(out);
      Matcher u = STREAM.matcher(out);
      s.find();
      u.find();
      rtmpServer = s.group(1);
      streamUrl = u.group(1);
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      throw new IllegalStateException("node did not start: " + Files.readString(log), e);
    }
  }

  /** The viewer page for the node's stream: /watch/PUB/NAME on the same server. */
  public String watchUrl() {
    return streamUrl.replaceFirst("/streams/", "/watch/").replaceFirst("/$", "");
  }

  /** Everything the node printed so far. */
  public String output() throws IOException {
    return Files.readString(log);
  }

  public int httpPort() {
    return java.net.URI.create(streamUrl).getPort();
  }

  public int rtmpPort() {
    return java.net.URI.create(rtmpServer).getPort();
  }

  /** SIGKILL: no shutdown hook, no flush, like a power cut for the process. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    AppProcess.stop(process);
  }
}
