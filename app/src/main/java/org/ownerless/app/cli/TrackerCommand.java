package org.ownerless.app.cli;

import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ownerless.app.ExitCodes;
import org.ownerless.app.UserError;
import org.ownerless.tracker.TrackerConfig;
import org.ownerless.tracker.TrackerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "tracker",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a standalone WebTorrent-compatible tracker at ws://HOST:PORT/announce.",
        "Viewers of the same rendition meet through it; it never sees media. Limits: docs/tracker.md."})
public final class TrackerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8000", description = "port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--host", paramLabel = "ADDR", defaultValue = "0.0.0.0", description = "listen address (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--max-connections-per-ip", paramLabel = "N", description = "connections one address may hold (default: 1000)")
  Integer perIp;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new UserError("port " + port + " is out of range");
    }
    TrackerConfig config = TrackerConfig.defaults();
    if (perIp != null) {
      config = config.withConnectionsPerIp(perIp);
    }
    TrackerServer server = new TrackerServer(new InetSocketAddress(host, port), config);
    int bound;
    try {
      bound = server.start();
    } catch (Exception e) {
      server.close();
      if (e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException) {
        throw new UserError("port " + port + " is already in use; choose another with --port");
      }
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "tracker-shutdown"));
    spec.commandLine().getOut().println("ownerless tracker — ws://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host)
        + ":" + bound + "/announce");
    spec.commandLine().getOut().flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
