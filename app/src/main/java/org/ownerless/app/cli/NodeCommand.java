package org.ownerless.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ownerless.app.Checked;
import org.ownerless.app.ExitCodes;
import org.ownerless.app.Terminal;
import org.ownerless.app.UserError;
import org.ownerless.app.config.ConfigFile;
import org.ownerless.app.config.YamlDefaultProvider;
import org.ownerless.app.node.Node;
import org.ownerless.app.node.NodeSecrets;
import org.ownerless.app.node.NodeSettings;
import org.ownerless.app.node.NodeSettingsBuilder;
import org.ownerless.app.options.DataDirOption;
import org.ownerless.app.options.DurationParser;
import org.ownerless.app.options.DurationText;
import org.ownerless.app.options.FfmpegOption;
import org.ownerless.app.options.HintOptions;
import org.ownerless.app.options.HostOption;
import org.ownerless.app.options.HttpPortOption;
import org.ownerless.app.options.LatencyOption;
import org.ownerless.app.options.PublicUrlOption;
import org.ownerless.app.options.RtmpHostOption;
import org.ownerless.app.options.RtmpPortOption;
import org.ownerless.app.options.RtmpsOptions;
import org.ownerless.app.options.SegmentFormatOptions;
import org.ownerless.app.options.TipOptions;
import org.ownerless.app.options.TlsOptions;
import org.ownerless.protocol.crypto.Signer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `node`. Each option starts from the default {@link NodeSettingsBuilder} declares; the --config file
 * fills in options not given as flags ({@link YamlDefaultProvider}), so after parsing every field holds
 * its final value and the settings are built from them as they are.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    defaultValueProvider = YamlDefaultProvider.class,
    description = {
        "Runs the whole pipeline in one process: RTMP ingest, transcoding, manifest signing and the HTTP origin.",
        "Prints the OBS settings and the stream URL, then runs until Ctrl-C (the announce then says the stream ended).",
        "Settings come from --config (YAML, keys as in the long option names in camelCase) and are overridden by flags."})
public final class NodeCommand implements Callable<Integer>, Checked {
  @Spec CommandSpec spec;

  @Option(names = YamlDefaultProvider.OPTION, paramLabel = "FILE", description = "YAML settings file.")
  Path config;

  @Option(names = "--key", paramLabel = "FILE", description = "Creator key (default: DATA/creator.key, created if missing).")
  Path key;

  @Option(names = "--name", paramLabel = "NAME", description = "Stream name (default: ${DEFAULT-VALUE}).")
  String name = NodeSettingsBuilder.DEFAULT_NAME;

  @Mixin DataDirOption data = new DataDirOption(NodeSettingsBuilder.DEFAULT_DATA_DIR);
  @Mixin HostOption host = new HostOption(NodeSettingsBuilder.DEFAULT_HOST);
  @Mixin HttpPortOption httpPort = new HttpPortOption(NodeSettingsBuilder.DEFAULT_HTTP_PORT);
  @Mixin RtmpPortOption rtmpPort = new RtmpPortOption(NodeSettingsBuilder.DEFAULT_RTMP_PORT);
  @Mixin RtmpHostOption rtmpHost = new RtmpHostOption();

  @Option(names = "--publish-token", paramLabel = "T",
      description = "Publish token (default: generated once, kept in DATA/publish-token).")
  String publishToken;

  @Mixin PublicUrlOption publicUrl = new PublicUrlOption();

  @Option(names = "--title", paramLabel = "T", description = "Stream title.")
  String title;

  @Mixin TipOptions tip = new TipOptions();
  @Mixin LatencyOption latency = new LatencyOption(NodeSettingsBuilder.DEFAULT_LATENCY);

  @Option(names = "--ladder", paramLabel = "SPEC",
      description = "Renditions, e.g. src,720p:720:2800,480p:480:1400 (default: ${DEFAULT-VALUE}).")
  String ladder = NodeSettingsBuilder.DEFAULT_LADDER;

  @Option(names = "--segment-seconds", paramLabel = "S",
      description = "Segment duration in seconds (default: ${DEFAULT-VALUE}); set the encoder's keyframe interval to it.")
  double segmentSeconds = NodeSettingsBuilder.DEFAULT_SEGMENT_SECONDS;

  @Mixin SegmentFormatOptions segments =
      new SegmentFormatOptions(NodeSettingsBuilder.DEFAULT_SEGMENT_FORMAT, NodeSettingsBuilder.DEFAULT_PART_SECONDS);

  @Option(names = "--playlist-window", paramLabel = "N", description = "Segments in a live playlist (default: ${DEFAULT-VALUE}).")
  int playlistWindow = NodeSettingsBuilder.DEFAULT_PLAYLIST_WINDOW;

  @Option(names = "--retention", paramLabel = "N",
      description = "Segments kept per rendition; 0 keeps the whole recording (default: ${DEFAULT-VALUE}).")
  int retention = NodeSettingsBuilder.DEFAULT_RETENTION;

  // Text, not a Duration, so --help shows the default as people write it (30s, not PT30S).
  @Option(names = "--end-after", paramLabel = "DURATION", converter = DurationText.class,
      description = "Publisher absence after which the stream is ended (default: ${DEFAULT-VALUE}).")
  String endAfter = DurationParser.format(NodeSettingsBuilder.DEFAULT_END_AFTER);

  @Option(names = "--new-epoch", description = "Deliberately start a fresh log (epoch + 1) instead of continuing.")
  boolean newEpoch;

  @Mixin HintOptions hints = new HintOptions();

  @Mixin TlsOptions tls = new TlsOptions();
  @Mixin RtmpsOptions rtmps = new RtmpsOptions();
  @Mixin FfmpegOption ffmpeg = new FfmpegOption(NodeSettingsBuilder.DEFAULT_FFMPEG);

  @Option(names = "--reown-project-id", paramLabel = "ID",
      description = "Reown (WalletConnect) project id: lets viewers without a browser wallet tip through AppKit.")
  String reownProjectId;

  @Mixin BucketOptions bucket = new BucketOptions();

  @Option(names = "--hls-input", paramLabel = "DIR",
      description = "Instead of RTMP ingest, follow the HLS that another packager (nginx-rtmp, SRS, ffmpeg...) "
          + "writes into DIR and publish it signed; opens no RTMP port and runs no ffmpeg.")
  Path hlsInput;

  @Override
  public Integer call() throws Exception {
    NodeSettings settings = settings();
    Signer signer = NodeSecrets.creatorKey(settings.keyFile(), spec.commandLine().getErr());
    Node node = Node.start(settings, signer);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "node-shutdown"));
    printBanner(node, spec.commandLine().getOut(), Terminal.isInteractive());
    stopped.await();
    return ExitCodes.OK;
  }

  /** Every setting checked, without creating the key, the token or anything else. */
  @Override
  public void check() throws java.io.IOException {
    builder().check();
    if (publishToken == null) {
      NodeSecrets.checkStoredToken(data.value());
    }
  }

  /** The settings as parsed: flags, else the config file, else the builder's defaults. */
  NodeSettings settings() throws java.io.IOException {
    NodeSettingsBuilder b = builder();
    b.check(); // before the token is created in a data directory that may be a typo
    if (publishToken == null) {
      b.publishToken(NodeSecrets.publishToken(data.value())).publishTokenFile(NodeSecrets.tokenFile(data.value()));
    }
    return b.build();
  }

  /** The builder holding every setting as given (the publish token only if given); no side effects. */
  private NodeSettingsBuilder builder() {
    ConfigFile file = ((YamlDefaultProvider) spec.defaultValueProvider()).config();
    Path dataDir = data.value();
    NodeSettingsBuilder b = NodeSettings.builder().name(name).dataDir(dataDir).keyFile(key).host(host.value())
        .httpPort(httpPort.value()).rtmpPort(rtmpPort.value()).publicUrl(publicUrl.value()).title(title)
        .latency(latency.value()).ladder(ladder).segmentSeconds(segmentSeconds).segmentFormat(segments.format()).partSeconds(segments.partSeconds())
        .playlistWindow(playlistWindow)
        .retention(retention).endAfter(DurationParser.parse(endAfter)).newEpoch(newEpoch).reownProjectId(reownProjectId);
    try {
      b.tips(tip.targets());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    // Lists add up rather than override: the file's hints first, then the flags' (see YamlDefaultProvider).
    if (file != null) {
      b.addOrigins(file.list("origins")).addTrackers(file.list("trackers"));
    }
    b.addOrigins(hints.origins()).addTrackers(hints.trackers());
    b.tls(tls.cert(), tls.key());
    b.rtmpHost(rtmpHost.value()).rtmps(rtmps.port(), rtmps.cert(), rtmps.key());
    b.bucket(bucket.settings(System.getenv()));
    if (hlsInput == null) {
      b.ffmpeg(ffmpeg.value()); // checked now only when it will run: --hls-input never transcodes
    }
    b.hlsInput(hlsInput);
    return b.publishToken(publishToken);
  }

  /**
   * The OBS settings and the stream's URLs. The publish token is part of the stream key, and whoever
   * has it can publish under the creator's signature: it is shown only on an interactive terminal.
   * Where output is collected (journald, docker logs, a CI log), the banner says where to read it.
   */
  static void printBanner(Node node, PrintWriter out, boolean terminal) {
    out.println("ownerless node — creator " + node.stream().creator());
    if (node.hlsInput() != null) {
      out.println("  Input:  following the HLS another packager writes in " + node.hlsInput() + " (no RTMP ingest)");
      printUrls(node, out);
      return;
    }
    String key = terminal ? node.obsStreamKey() : node.obsStreamKeyWithoutToken();
    out.println("  OBS:    Server " + node.obsServer() + "   Stream key " + key);
    if (!terminal) {
      Path file = node.publishTokenFile();
      out.println("          TOKEN: " + (file != null ? "the contents of " + file + " (cat " + file + ")"
          : "the publish token you configured") + "; printed only on a terminal, so it stays out of logs");
    }
    long keyframe = Math.max(1, Math.round(node.segmentSeconds()));
    out.println("          (Settings → Stream → Custom; keyframe interval " + keyframe + " s)");
    if (node.rtmps()) {
      out.println("          plain RTMP: " + node.plainRtmpServer()
          + (node.plainRtmpIsLocal() ? " (this machine only; --rtmp-host to change)" : " (clear text: token visible on the network)"));
    }
    printUrls(node, out);
  }

  private static void printUrls(Node node, PrintWriter out) {
    out.println("  Watch:  " + node.watchUrl());
    out.println("  Stream: " + node.streamUrl());
    out.println("  Verify: ./ownerless verify " + node.streamUrl() + " --watch");
    out.println("  Metrics: " + node.publicUrl() + "metrics");
    out.println("  Studio: " + node.studioUrl() + " (from this machine; elsewhere add ?token=TOKEN once)");
    if (node.bucketStreamUrl() != null) {
      out.println("  Bucket: " + node.bucketStreamUrl());
    }
    out.flush();
  }
}
