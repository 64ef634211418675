package org.ownerless.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ownerless.app.Checked;
import org.ownerless.app.ExitCodes;
import org.ownerless.app.Terminal;
import org.ownerless.app.demo.BrowserLauncher;
import org.ownerless.app.demo.DemoSource;
import org.ownerless.app.demo.SourceSize;
import org.ownerless.app.node.Node;
import org.ownerless.app.node.NodeSecrets;
import org.ownerless.app.node.NodeSettings;
import org.ownerless.app.node.NodeSettingsBuilder;
import org.ownerless.app.options.DataDirOption;
import org.ownerless.app.options.DurationParser;
import org.ownerless.app.options.FfmpegOption;
import org.ownerless.app.options.HostOption;
import org.ownerless.app.options.HttpPortOption;
import org.ownerless.app.options.LatencyOption;
import org.ownerless.app.options.RtmpPortOption;
import org.ownerless.app.options.SegmentFormatOptions;
import org.ownerless.protocol.crypto.Signer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `node` plus a built-in test source pushed over real RTMP: the one command a newcomer runs. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a node with a built-in test source and opens its watch page in a browser.",
        "The source (moving pattern, wall clock, tone) is pushed over RTMP into the node's own ingest; the watch "
            + "URL is printed too. Ctrl-C stops it; the signed announce then says the stream ended. The identity is "
            + "kept in the demo data directory.",
        "Needs ffmpeg (Debian: apt-get install -y ffmpeg); the ./ownerless launcher installs it when run as root."})
public final class DemoCommand implements Callable<Integer>, Checked {
  @Spec CommandSpec spec;

  @Option(names = "--no-browser", description = "Only print the watch URL.")
  boolean noBrowser;

  @Mixin DataDirOption data = new DataDirOption(Path.of("ownerless-demo"));
  /** Loopback unless asked: a demo is watched on this machine, not offered to the network. */
  @Mixin HostOption host = new HostOption("127.0.0.1");
  @Mixin HttpPortOption httpPort = new HttpPortOption(NodeSettingsBuilder.DEFAULT_HTTP_PORT);
  @Mixin RtmpPortOption rtmpPort = new RtmpPortOption(NodeSettingsBuilder.DEFAULT_RTMP_PORT);
  @Mixin LatencyOption latency = new LatencyOption(NodeSettingsBuilder.DEFAULT_LATENCY);
  @Mixin FfmpegOption ffmpeg = new FfmpegOption(NodeSettingsBuilder.DEFAULT_FFMPEG);
  @Mixin SegmentFormatOptions segments =
      new SegmentFormatOptions(NodeSettingsBuilder.DEFAULT_SEGMENT_FORMAT, NodeSettingsBuilder.DEFAULT_PART_SECONDS);

  @Option(names = "--duration", paramLabel = "DURATION", converter = DurationParser.class,
      description = "Stop by itself after this long (default: run until Ctrl-C).")
  Duration duration;

  @Option(names = "--source-size", paramLabel = "WIDTHxHEIGHT", converter = SourceSize.Converter.class,
      description = "Picture size of the test source, 30 frames/s (default: ${DEFAULT-VALUE}).")
  SourceSize sourceSize = SourceSize.DEFAULT;

  /** Every flag checked; no identity, token or directory is created. */
  @Override
  public void check() throws java.io.IOException {
    builder().check();
    NodeSecrets.checkStoredToken(data.value());
  }

  @Override
  public Integer call() throws Exception {
    NodeSettings options = settings();
    PrintWriter out = spec.commandLine().getOut();
    Signer signer = NodeSecrets.creatorKey(options.keyFile(), spec.commandLine().getErr());
    Node node = Node.start(options, signer);
    DemoSource source = new DemoSource(options.ffmpeg(), node.plainRtmpServer(), node.obsStreamKey(), sourceSize,
        options.dataDir().resolve("demo-source.log").toFile());
    CountDownLatch stopped = new CountDownLatch(1);
    Thread shutdown = new Thread(() -> {
      // The source first: the node then sees the publisher go, and closing it signs "ended".
      source.close();
      node.close();
      stopped.countDown();
    }, "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    NodeCommand.printBanner(node, out, Terminal.isInteractive());
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
  private NodeSettings settings() throws IOException {
    NodeSettingsBuilder b = builder().check();
    return b.publishToken(NodeSecrets.publishToken(data.value())).publishTokenFile(NodeSecrets.tokenFile(data.value()))
        .build();
  }

  private NodeSettingsBuilder builder() {
    Path dataDir = data.value();
    return NodeSettings.builder().name("demo").title("ownerless demo").dataDir(dataDir).host(host.value())
        .httpPort(httpPort.value()).rtmpPort(rtmpPort.value()).latency(latency.value())
        .segmentFormat(segments.format()).partSeconds(segments.partSeconds())
        // A copy rendition and one rung: a laptop transcodes this live with room to spare.
        .ladder("src,240p:240:400")
        // The source stops with the demo: end the stream soon after, not after the node's patient default.
        .endAfter(Duration.ofSeconds(10))
        .ffmpeg(ffmpeg.value());
  }
}
