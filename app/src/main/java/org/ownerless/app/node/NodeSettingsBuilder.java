package org.ownerless.app.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ownerless.app.UserError;
import org.ownerless.app.options.Ports;
import org.ownerless.app.options.ServerUrls;
import org.ownerless.app.options.TlsOptions;
import org.ownerless.ingest.transcode.Ladder;
import org.ownerless.origin.bucket.BucketSettings;
import org.ownerless.protocol.layout.LiveWindow;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.Names;
import org.ownerless.protocol.model.TipTargets;

/**
 * The one place a node setting's default is declared. `node`'s flags show these defaults in --help
 * (their fields start from the constants below), the README table is checked against them, and
 * {@link #build()} applies the checks every way of starting a node needs.
 */
public final class NodeSettingsBuilder {
  public static final String DEFAULT_NAME = "live";
  public static final Path DEFAULT_DATA_DIR = Path.of("ownerless-data");
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final int DEFAULT_RTMP_PORT = 1935;
  public static final String DEFAULT_LATENCY = LatencyMode.NORMAL.wire();
  public static final String DEFAULT_LADDER = Ladder.DEFAULT_SPEC;
  /**
   * 1 s segments in every latency mode: viewers play a distance in seconds behind the newest segment
   * and cannot play inside it, so the segment length is the floor of their delay and the grain of
   * their P2P windows. Measured (docs/benchmarks.md): `normal` with 2 s segments could not be both
   * ≤ 10 s behind and ≥ 0.9 of the P2P limit; with 1 s segments it is.
   */
  public static final double DEFAULT_SEGMENT_SECONDS = LiveWindow.DEFAULT_SEGMENT_SECONDS;
  public static final int DEFAULT_PLAYLIST_WINDOW = LiveWindow.DEFAULT_PLAYLIST_WINDOW;
  /** 0 keeps the whole recording: a creator opts in to forgetting, never out of it. */
  public static final int DEFAULT_RETENTION = 0;
  public static final Duration DEFAULT_END_AFTER = Duration.ofSeconds(30);
  public static final String DEFAULT_FFMPEG = "ffmpeg";
  /** Shorter is guessable; NodeSecrets replaces a stored token shorter than this. */
  public static final int MIN_PUBLISH_TOKEN_LENGTH = 8;

  private String name = DEFAULT_NAME;
  private Path keyFile;
  private Path dataDir = DEFAULT_DATA_DIR;
  private String host = DEFAULT_HOST;
  private int httpPort = DEFAULT_HTTP_PORT;
  private int rtmpPort = DEFAULT_RTMP_PORT;
  private String publishToken;
  private String publicUrl;
  private String title = "";
  private TipTargets tips = TipTargets.NONE;
  private String latency = DEFAULT_LATENCY;
  private String ladder = DEFAULT_LADDER;
  private double segmentSeconds = DEFAULT_SEGMENT_SECONDS;
  private int playlistWindow = DEFAULT_PLAYLIST_WINDOW;
  private int retention = DEFAULT_RETENTION;
  private Duration endAfter = DEFAULT_END_AFTER;
  private boolean newEpoch;
  private final List<String> extraOrigins = new ArrayList<>();
  private final List<String> trackers = new ArrayList<>();
  private Path tlsCert;
  private Path tlsKey;
  private String ffmpeg = DEFAULT_FFMPEG;
  private String reownProjectId;
  private BucketSettings bucket;

  NodeSettingsBuilder() {}

  public NodeSettingsBuilder name(String name) {
    this.name = Objects.requireNonNull(name);
    return this;
  }

  /** The creator key file; null (the default) means DATA/creator.key. */
  public NodeSettingsBuilder keyFile(Path keyFile) {
    this.keyFile = keyFile;
    return this;
  }

  public NodeSettingsBuilder dataDir(Path dataDir) {
    this.dataDir = Objects.requireNonNull(dataDir);
    return this;
  }

  public NodeSettingsBuilder host(String host) {
    this.host = Objects.requireNonNull(host);
    return this;
  }

  public NodeSettingsBuilder httpPort(int httpPort) {
    this.httpPort = httpPort;
    return this;
  }

  public NodeSettingsBuilder rtmpPort(int rtmpPort) {
    this.rtmpPort = rtmpPort;
    return this;
  }

  /** Required: the CLI passes the stored one ({@link NodeSecrets#publishToken}) when none is given. */
  public NodeSettingsBuilder publishToken(String publishToken) {
    this.publishToken = publishToken;
    return this;
  }

  public NodeSettingsBuilder publicUrl(String publicUrl) {
    this.publicUrl = publicUrl;
    return this;
  }

  public NodeSettingsBuilder title(String title) {
    this.title = title == null ? "" : title;
    return this;
  }

  public NodeSettingsBuilder tips(TipTargets tips) {
    this.tips = Objects.requireNonNull(tips);
    return this;
  }

  /** The wire name (low, normal); checked by {@link #build()}. */
  public NodeSettingsBuilder latency(String latency) {
    this.latency = Objects.requireNonNull(latency);
    return this;
  }

  public NodeSettingsBuilder latency(LatencyMode latency) {
    return latency(latency.wire());
  }

  /** A ladder spec such as src,720p:720:2800; checked by {@link #build()}. */
  public NodeSettingsBuilder ladder(String ladder) {
    this.ladder = Objects.requireNonNull(ladder);
    return this;
  }

  public NodeSettingsBuilder segmentSeconds(double segmentSeconds) {
    this.segmentSeconds = segmentSeconds;
    return this;
  }

  public NodeSettingsBuilder playlistWindow(int playlistWindow) {
    this.playlistWindow = playlistWindow;
    return this;
  }

  public NodeSettingsBuilder retention(int retention) {
    this.retention = retention;
    return this;
  }

  public NodeSettingsBuilder endAfter(Duration endAfter) {
    this.endAfter = Objects.requireNonNull(endAfter);
    return this;
  }

  public NodeSettingsBuilder newEpoch(boolean newEpoch) {
    this.newEpoch = newEpoch;
    return this;
  }

  /** Appends further origins for the announce, after any added before. */
  public NodeSettingsBuilder addOrigins(List<String> origins) {
    extraOrigins.addAll(origins);
    return this;
  }

  /** Appends further trackers for the announce, after any added before. */
  public NodeSettingsBuilder addTrackers(List<String> trackers) {
    this.trackers.addAll(trackers);
    return this;
  }

  public NodeSettingsBuilder tls(Path cert, Path key) {
    this.tlsCert = cert;
    this.tlsKey = key;
    return this;
  }

  public NodeSettingsBuilder ffmpeg(String ffmpeg) {
    this.ffmpeg = Objects.requireNonNull(ffmpeg);
    return this;
  }

  public NodeSettingsBuilder reownProjectId(String reownProjectId) {
    this.reownProjectId = reownProjectId;
    return this;
  }

  public NodeSettingsBuilder bucket(BucketSettings bucket) {
    this.bucket = bucket;
    return this;
  }

  /** The settings, checked; a value the user can fix is refused with a {@link UserError} naming the rule. */
  public NodeSettings build() {
    if (!Names.isStreamName(name)) {
      throw new UserError("invalid stream name '" + name + "': " + Names.STREAM_RULE);
    }
    if (publishToken == null) {
      throw new IllegalStateException("no publish token: pass the stored one (NodeSecrets.publishToken)");
    }
    if (publishToken.length() < MIN_PUBLISH_TOKEN_LENGTH) {
      throw new UserError("the publish token must be at least " + MIN_PUBLISH_TOKEN_LENGTH + " characters");
    }
    // It ends up in an HTML attribute of the watch page: keep it to what Reown issues (hex/alphanumerics).
    if (reownProjectId != null && !reownProjectId.matches("[A-Za-z0-9_-]{1,128}")) {
      throw new UserError("--reown-project-id must be the id Reown gave you (letters and digits), not '"
          + reownProjectId + "'");
    }
    TlsOptions.checkPaired(tlsCert, tlsKey);
    LatencyMode mode;
    Ladder rungs;
    try {
      mode = LatencyMode.fromWire(latency);
      rungs = Ladder.parse(ladder);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    // What users type (http://host:8080 without the slash) is completed here, before it is signed.
    String url = publicUrl == null ? null : ServerUrls.base("--public-url", publicUrl, ServerUrls.HTTP);
    List<String> origins = extraOrigins.stream().map(o -> ServerUrls.base("--origin", o, ServerUrls.HTTP)).toList();
    List<String> trackerUrls =
        trackers.stream().map(t -> ServerUrls.endpoint("--tracker", t, ServerUrls.WEBSOCKET)).toList();
    Path data = dataDir.toAbsolutePath();
    return new NodeSettings(name, keyFile != null ? keyFile : data.resolve("creator.key"), data, host,
        Ports.check(httpPort), Ports.check(rtmpPort), publishToken, url, title, tips, mode, rungs, segmentSeconds,
        playlistWindow, retention, endAfter, newEpoch, origins, trackerUrls, tlsCert, tlsKey, ffmpeg, reownProjectId,
        bucket);
  }
}
