package org.ownerless.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ownerless.app.ExitCodes;
import org.ownerless.app.demo.BrowserLauncher;
import org.ownerless.app.demo.DemoSource;
import org.ownerless.app.node.Node;
import org.ownerless.app.node.NodeOptions;
import org.ownerless.app.node.NodeSettings;
import org.ownerless.protocol.crypto.Signer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `node` plus a built-in test source pushed over real RTMP: the one command a newcomer runs. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a node with a built-in test source (moving pattern, wall clock, tone) pushed over RTMP into",
        "its own ingest, prints the watch URL and opens it in a browser. Ctrl-C stops it; the signed",
        "announce then says the stream ended. The identity is kept in the demo data directory."})
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--no-browser", description = "only print the watch URL")
  boolean noBrowser;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "ownerless-demo",
      description = "demo data directory: identity, stream files (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 to let other machines watch)")
  String host;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE})")
  int httpPort;

  @Option(names = "--rtmp-port", paramLabel = "PORT", defaultValue = "1935", description = "RTMP port (default: ${DEFAULT-VALUE})")
  int rtmpPort;

  @Option(names = "--latency", paramLabel = "MODE", description = "low or normal (default: normal)")
  String latency;

  @Option(names = "--ffmpeg", paramLabel = "PATH", description = "ffmpeg executable (default: ffmpeg on PATH)")
  String ffmpeg;

  @Option(names = "--duration", paramLabel = "DURATION", converter = DurationParser.class,
      description = "stop by itself after this long (default: run until Ctrl-C)")
  Duration duration;

  @Override
  public Integer call() throws Exception {
    NodeOptions options = nodeCommand().resolve(new NodeSettings());
    PrintWriter out = spec.commandLine().getOut();
    Signer signer = NodeCommand.loadOrCreateKey(options.keyFile(), spec.commandLine().getErr());
    Node node = Node.start(options, signer);
    DemoSource source = new DemoSource(options.ffmpeg(), node.obsServer(), node.obsStreamKey(),
        options.dataDir().resolve("demo-source.log").toFile());
    CountDownLatch stopped = new CountDownLatch(1);
    Thread shutdown = new Thread(() -> {
      // The source first: the node then sees the publisher go, and closing it signs "ended".
      source.close();
      node.close();
      stopped.countDown();
    }, "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    NodeCommand.printBanner(node, out);
    out.println("  Demo:   a test source is publishing; open the Watch URL" + (noBrowser ? "." : " (opening a browser)."));
    out.println("          Stop with Ctrl-C.");
    out.flush();
    if (!noBrowser) {
      BrowserLauncher.open(node.watchUrl(), spec.commandLine().getErr());
    }
    if (duration == null) {
      stopped.await();
    } else if (!stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
      Runtime.getRuntime().removeShutdownHook(shutdown);
      shutdown.run();
      out.println("demo: stopped after " + duration.toSeconds() + " s; the stream is marked ended");
      out.flush();
    }
    return ExitCodes.OK;
  }

  /** The node settings a demo uses; everything else is the node's default. */
  private NodeCommand nodeCommand() {
    NodeCommand n = new NodeCommand();
    n.name = "demo";
    n.data = data;
    n.host = host;
    n.httpPort = httpPort;
    n.rtmpPort = rtmpPort;
    n.title = "ownerless demo";
    n.latency = latency;
    // A copy rendition and one rung: a laptop transcodes this live with room to spare.
    n.ladder = "src,240p:240:400";
    n.ffmpeg = ffmpeg;
    n.endAfter = Duration.ofSeconds(10);
    return n;
  }
}
