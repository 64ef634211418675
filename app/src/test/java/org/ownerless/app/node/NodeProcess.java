package org.ownerless.app.node;

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
final class NodeProcess implements AutoCloseable {
  private static final Pattern SERVER = Pattern.compile("Server (rtmps?://\\S+)");
  private static final Pattern STREAM = Pattern.compile("Stream: (https?://\\S+)");

  final Process process;
  final Path log;
  String rtmpServer;
  String streamUrl;

  private NodeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static NodeProcess start(Path data, int httpPort, int rtmpPort, String... extra) throws IOException, InterruptedException {
    return start(data, Files.createTempFile(data, "node-", ".log"), httpPort, rtmpPort, extra);
  }

  /** As {@link #start(Path, int, int, String...)}, logging to {@code log} (e.g. outside a data directory that fills up). */
  static NodeProcess start(Path data, Path log, int httpPort, int rtmpPort, String... extra)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--http-port", String.valueOf(httpPort),
        "--rtmp-port", String.valueOf(rtmpPort), "--name", "show", "--publish-token", "crash-token-1", "--ladder", "src",
        "--end-after", "60s"));
    args.addAll(List.of(extra));
    return startNode(data, log, args);
  }

  /** `node --data DATA ARGS...`, its output (stdout and stderr, not a terminal) captured in a file. */
  static NodeProcess startNode(Path data, List<String> args) throws IOException, InterruptedException {
    return startNode(data, Files.createTempFile(data, "node-", ".log"), args);
  }

  private static NodeProcess startNode(Path data, Path log, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.ownerless.app.Main", "node", "--data", data.toString()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    NodeProcess node = new NodeProcess(p, log);
    node.awaitBanner(Duration.ofSeconds(30));
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

  /** Everything the node printed so far. */
  String output() throws IOException {
    return Files.readString(log);
  }

  int httpPort() {
    return java.net.URI.create(streamUrl).getPort();
  }

  int rtmpPort() {
    return java.net.URI.create(rtmpServer).getPort();
  }

  /** SIGKILL: no shutdown hook, no flush, like a power cut for the process. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      kill();
    }
  }
}
