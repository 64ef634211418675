package org.ownerless.app.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ownerless.app.ExitCodes;
import org.ownerless.app.UserError;
import org.ownerless.app.node.Node;
import org.ownerless.app.node.NodeOptions;
import org.ownerless.app.node.NodeSettings;
import org.ownerless.protocol.io.AtomicFiles;
import org.ownerless.protocol.layout.LiveWindow;
import org.ownerless.ingest.transcode.Ladder;
import org.ownerless.origin.bucket.BucketSettings;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.crypto.Base64Url;
import org.ownerless.protocol.crypto.KeyFile;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.Names;
import org.ownerless.protocol.model.TipTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the whole pipeline in one process: RTMP ingest, transcoding, manifest signing and the HTTP origin.",
        "Prints the OBS settings and the stream URL, then runs until Ctrl-C (the announce then says the stream ended).",
        "Settings come from --config (YAML, keys as in the long option names in camelCase) and are overridden by flags."})
public final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML settings file")
  Path config;

  @Option(names = "--key", paramLabel = "FILE", description = "creator key (default: DATA/creator.key, created if missing)")
  Path key;

  @Option(names = "--name", paramLabel = "NAME", description = "stream name (default: live)")
  String name;

  @Option(names = "--data", paramLabel = "DIR", description = "data directory (default: ./ownerless-data)")
  Path data;

  @Option(names = "--host", paramLabel = "ADDR", description = "address to listen on (default: 0.0.0.0)")
  String host;

  @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port (default: 8080)")
  Integer httpPort;

  @Option(names = "--rtmp-port", paramLabel = "PORT", description = "RTMP port (default: 1935)")
  Integer rtmpPort;

  @Option(names = "--publish-token", paramLabel = "T", description = "publish token (default: generated once, kept in DATA/publish-token)")
  String publishToken;

  @Option(names = "--public-url", paramLabel = "URL", description = "this node's URL as viewers reach it (default: http://HOST:PORT/)")
  String publicUrl;

  @Option(names = "--title", paramLabel = "T", description = "stream title")
  String title;

  @Mixin TipOptions tip = new TipOptions();

  @Option(names = "--latency", paramLabel = "MODE", description = "low or normal (default: normal)")
  String latency;

  @Option(names = "--ladder", paramLabel = "SPEC", description = "renditions, e.g. src,720p:720:2800,480p:480:1400 (default: "
      + "src,720p:720:2800,480p:480:1400,360p:360:800)")
  String ladder;

  @Option(names = "--segment-seconds", paramLabel = "S", description = "segment duration in seconds (default: 1); set the encoder's keyframe interval to it")
  Double segmentSeconds;

  @Option(names = "--playlist-window", paramLabel = "N", description = "segments in a live playlist (default: 10)")
  Integer playlistWindow;

  @Option(names = "--retention", paramLabel = "N", description = "segments kept per rendition; 0 keeps the whole recording (default: 0)")
  Integer retention;

  @Option(names = "--end-after", paramLabel = "DURATION", converter = DurationParser.class,
      description = "publisher absence after which the stream is ended (default: 30s)")
  Duration endAfter;

  @Option(names = "--new-epoch", description = "deliberately start a fresh log (epoch + 1) instead of continuing")
  boolean newEpoch;

  @Option(names = "--origin", paramLabel = "URL", description = "another origin or relay to list in the announce (repeatable)")
  List<String> origins = new ArrayList<>();

  @Option(names = "--tracker", paramLabel = "URL", description = "a WebTorrent tracker to list in the announce (repeatable)")
  List<String> trackers = new ArrayList<>();

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "serve HTTPS with this certificate chain")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "private key of --tls-cert (PKCS#8 PEM)")
  Path tlsKey;

  @Option(names = "--ffmpeg", paramLabel = "PATH", description = "ffmpeg executable (default: ffmpeg on PATH)")
  String ffmpeg;

  @Option(names = "--reown-project-id", paramLabel = "ID",
      description = "Reown (WalletConnect) project id: lets viewers without a browser wallet tip through AppKit")
  String reownProjectId;

  @Option(names = "--bucket-endpoint", paramLabel = "URL",
      description = "S3 API endpoint of a bucket to publish the stream to as well (AWS, MinIO, any S3-compatible store)")
  String bucketEndpoint;

  @Option(names = "--bucket", paramLabel = "NAME", description = "bucket to publish to (with --bucket-endpoint); "
      + "credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the config file, never from flags")
  String bucket;

  @Option(names = "--bucket-prefix", paramLabel = "P", description = "key prefix in the bucket (default: none)")
  String bucketPrefix;

  @Option(names = "--bucket-region", paramLabel = "R", description = "bucket region (default: us-east-1)")
  String bucketRegion;

  @Option(names = "--bucket-public-url", paramLabel = "URL", description = "the bucket (prefix) as viewers reach it, "
      + "listed as an origin in the announce (default: ENDPOINT/BUCKET/PREFIX/)")
  String bucketPublicUrl;

  // A secret on the command line ends up in shell history and `ps`: refused, with the way to pass it.
  @Option(names = {"--bucket-secret-key", "--bucket-access-key"}, hidden = true, paramLabel = "KEY")
  String bucketCredentialFlag;

  @Override
  public Integer call() throws Exception {
    NodeOptions options = resolve(readConfig());
    Signer signer = loadOrCreateKey(options.keyFile(), spec.commandLine().getErr());
    Node node = Node.start(options, signer);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "node-shutdown"));
    printBanner(node, spec.commandLine().getOut());
    stopped.await();
    return ExitCodes.OK;
  }

  private NodeSettings readConfig() {
    if (config == null) {
      return new NodeSettings();
    }
    byte[] bytes = InputFiles.read(config, 1 << 20);
    try {
      return new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(bytes, NodeSettings.class);
    } catch (UnrecognizedPropertyException e) {
      throw new UserError(config + ": unknown setting '" + e.getPropertyName() + "'");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UserError(config + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UserError(config + ": " + e.getMessage());
    }
  }

  NodeOptions resolve(NodeSettings s) throws IOException {
    Path dataDir = pick(data, s.data == null ? null : Path.of(s.data), Path.of("ownerless-data")).toAbsolutePath();
    String streamName = pick(name, s.name, "live");
    if (!Names.isStreamName(streamName)) {
      throw new UserError("invalid stream name '" + streamName + "': " + Names.STREAM_RULE);
    }
    String token = pick(publishToken, s.publishToken, null);
    if (token == null) {
      token = storedToken(dataDir);
    } else if (token.length() < 8) {
      throw new UserError("the publish token must be at least 8 characters");
    }
    TipTargets tips;
    LatencyMode mode;
    Ladder rungs;
    try {
      tips = new TipTargets(pick(tip.lightning, s.lightning, null), pick(tip.evm, s.evm, null),
          pick(tip.chainId, s.chainId, null));
      mode = LatencyMode.fromWire(pick(latency, s.latency, "normal"));
      rungs = Ladder.parse(pick(ladder, s.ladder, Ladder.DEFAULT.toString()));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    List<String> allOrigins = new ArrayList<>(s.origins);
    allOrigins.addAll(origins);
    List<String> allTrackers = new ArrayList<>(s.trackers);
    allTrackers.addAll(trackers);
    Path cert = pick(tlsCert, s.tlsCert == null ? null : Path.of(s.tlsCert), null);
    Path certKey = pick(tlsKey, s.tlsKey == null ? null : Path.of(s.tlsKey), null);
    if ((cert == null) != (certKey == null)) {
      throw new UserError("--tls-cert and --tls-key go together");
    }
    BucketSettings bucketSettings = bucket(s, System.getenv());
    String ffmpegPath = pick(ffmpeg, s.ffmpeg, "ffmpeg");
    requireExecutable(ffmpegPath);
    return new NodeOptions(streamName, pick(key, s.key == null ? null : Path.of(s.key), dataDir.resolve("creator.key")),
        dataDir, pick(host, s.host, "0.0.0.0"), port(pick(httpPort, s.httpPort, 8080)), port(pick(rtmpPort, s.rtmpPort, 1935)),
        token, pick(publicUrl, s.publicUrl, null), pick(title, s.title, ""), tips, mode, rungs,
        pick(segmentSeconds, s.segmentSeconds, DEFAULT_SEGMENT_SECONDS), pick(playlistWindow, s.playlistWindow, LiveWindow.DEFAULT_PLAYLIST_WINDOW),
        pick(retention, s.retention, 0),
        pick(endAfter, s.endAfter == null ? null : DurationParser.parse(s.endAfter), Duration.ofSeconds(30)),
        newEpoch, allOrigins, allTrackers, cert, certKey, ffmpegPath, reownProjectId(pick(reownProjectId, s.reownProjectId, null)),
        bucketSettings);
  }

  /** The bucket to publish to, or null; credentials from the config file, else the environment. */
  BucketSettings bucket(NodeSettings s, java.util.Map<String, String> env) {
    if (bucketCredentialFlag != null) {
      throw new UserError("bucket credentials are not taken on the command line (they would show in `ps` and shell "
          + "history): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or bucketAccessKey and bucketSecretKey in --config");
    }
    String endpoint = pick(bucketEndpoint, s.bucketEndpoint, null);
    String name = pick(bucket, s.bucket, null);
    if (endpoint == null && name == null) {
      if (pick(bucketPrefix, s.bucketPrefix, null) != null || pick(bucketRegion, s.bucketRegion, null) != null
          || pick(bucketPublicUrl, s.bucketPublicUrl, null) != null) {
        throw new UserError("--bucket-prefix, --bucket-region and --bucket-public-url need --bucket-endpoint and --bucket");
      }
      return null;
    }
    if (endpoint == null || name == null) {
      throw new UserError("--bucket-endpoint and --bucket go together");
    }
    try {
      return BucketSettings.of(endpoint, pick(bucketRegion, s.bucketRegion, null), name,
          pick(bucketPrefix, s.bucketPrefix, null), pick(null, s.bucketAccessKey, env.get("AWS_ACCESS_KEY_ID")),
          pick(null, s.bucketSecretKey, env.get("AWS_SECRET_ACCESS_KEY")), pick(bucketPublicUrl, s.bucketPublicUrl, null));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private static String reownProjectId(String id) {
    // It ends up in an HTML attribute of the watch page: keep it to what Reown issues (hex/alphanumerics).
    if (id != null && !id.matches("[A-Za-z0-9_-]{1,128}")) {
      throw new UserError("--reown-project-id must be the id Reown gave you (letters and digits), not '" + id + "'");
    }
    return id;
  }

  /**
   * 1 s segments in every latency mode: viewers play a distance in seconds behind the newest segment
   * and cannot play inside it, so the segment length is the floor of their delay and the grain of
   * their P2P windows. Measured (docs/benchmarks.md): `normal` with 2 s segments could not be both
   * ≤ 10 s behind and ≥ 0.9 of the P2P limit; with 1 s segments it is.
   */
  static final double DEFAULT_SEGMENT_SECONDS = LiveWindow.DEFAULT_SEGMENT_SECONDS;

  private static <T> T pick(T flag, T config, T fallback) {
    return flag != null ? flag : config != null ? config : fallback;
  }

  private static int port(int p) {
    if (p < 0 || p > 65535) {
      throw new UserError("port " + p + " is out of range");
    }
    return p;
  }

  /** The publish token survives restarts, so OBS settings stay valid; it is readable by the owner only. */
  private static String storedToken(Path dataDir) throws IOException {
    Path file = dataDir.resolve("publish-token");
    if (Files.exists(file)) {
      String t = Files.readString(file).trim();
      if (t.length() >= 8) {
        return t;
      }
    }
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    String token = Base64Url.encode(random);
    Files.createDirectories(dataDir);
    AtomicFiles.writeString(file, token + "\n");
    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return token;
  }

  static Signer loadOrCreateKey(Path keyFile, PrintWriter err) throws IOException, ProtocolException {
    if (Files.exists(keyFile)) {
      return KeyFile.read(keyFile);
    }
    Signer signer = Signer.generate();
    KeyFile.write(keyFile, signer, false);
    err.println("created a new creator identity in " + keyFile + " (keep it safe: it is the stream's identity)");
    err.flush();
    return signer;
  }

  private static void requireExecutable(String program) {
    if (program.contains("/")) {
      if (!Files.isExecutable(Path.of(program))) {
        throw new UserError(program + " is not an executable");
      }
      return;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return;
      }
    }
    throw new UserError(program + " was not found on PATH; install it (Debian: apt-get install -y ffmpeg)");
  }

  static void printBanner(Node node, PrintWriter out) {
    out.println("ownerless node — creator " + node.stream().creator());
    out.println("  OBS:    Server " + node.obsServer() + "   Stream key " + node.obsStreamKey());
    long keyframe = Math.max(1, Math.round(node.segmentSeconds()));
    out.println("          (Settings → Stream → Custom; keyframe interval " + keyframe + " s)");
    out.println("  Watch:  " + node.watchUrl());
    out.println("  Stream: " + node.streamUrl());
    out.println("  Verify: ./ownerless verify " + node.streamUrl() + " --watch");
    out.println("  Metrics: " + node.publicUrl() + "metrics");
    if (node.bucketStreamUrl() != null) {
      out.println("  Bucket: " + node.bucketStreamUrl());
    }
    out.flush();
  }
}
