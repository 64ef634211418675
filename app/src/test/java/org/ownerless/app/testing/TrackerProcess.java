package org.ownerless.app.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/** `ownerless tracker` on loopback in its own JVM, so a test can SIGKILL it and start it again on the same port. */
public final class TrackerProcess implements AutoCloseable {
  private static final Pattern BANNER = Pattern.compile("ownerless tracker — (ws://\\S+)");

  private final Process process;
  private final Path log;
  private final String url;

  private TrackerProcess(Process process, Path log, String url) {
    this.process = process;
    this.log = log;
    this.url = url;
  }

  /** A tracker on 127.0.0.1:{@code port} (0: any free port), started once it printed its URL. */
  public static TrackerProcess start(Path dir, int port) throws IOException {
    Path log = Files.createTempFile(dir, "tracker-", ".log");
    Process p = AppProcess.start(List.of("tracker", "--host", "127.0.0.1", "--port", String.valueOf(port)), log);
    try {
      String out = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInSameThread()
          .pollInterval(Duration.ofMillis(100)).failFast("the tracker exited", () -> !p.isAlive())
          .until(() -> Files.readString(log), o -> BANNER.matcher(o).find());
      Matcher m = BANNER.matcher(out);
      m.find();
      return new TrackerProcess(p, log, m.group(1));
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      p.destroyForcibly();
      throw new IllegalStateException("tracker did not start: " + Files.readString(log), e);
    }
  }

  /** ws://127.0.0.1:PORT/announce */
  public String url() {
    return url;
  }

  public int port() {
    return java.net.URI.create(url).getPort();
  }

  /** SIGKILL: its sockets die with it, as when the machine running it fails. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    AppProcess.stop(process);
  }
}
