package org.ownerless.app.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ownerless.app.UserError;
import org.ownerless.app.UserText;
import org.ownerless.app.options.HostOption;
import org.ownerless.app.options.Ports;
import org.ownerless.app.options.RtmpsOptions;
import org.ownerless.app.options.ServerUrls;
import org.ownerless.app.options.TlsOptions;
import org.ownerless.ingest.transcode.Ladder;
import org.ownerless.ingest.transcode.SegmentFormat;
import org.ownerless.ingest.transcode.TranscodeConfig;
import org.ownerless.origin.bucket.BucketSettings;
import org.ownerless.protocol.layout.LiveWindow;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.Names;
import org.ownerless.protocol.model.StreamAnnounce;
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
  /** Plain RTMP's address when RTMPS is on and --rtmp-host is not given. */
  public static final String LOOPBACK = "127.0.0.1";
  public static final String DEFAULT_LATENCY = LatencyMode.NORMAL.wire();
  public static final String DEFAULT_LADDER = Ladder.DEFAULT_SPEC;
  /**
   * 1 s segments in every latency mode: viewers play a distance in seconds behind the newest segment
   * and cannot play inside it, so the segment length is the floor of their delay and the grain of
   * their P2P windows. Measured (docs/benchmarks.md): `normal` with 2 s segments could not be both
   * ≤ 10 s behind and ≥ 0.9 of the P2P limit; with 1 s segments it is.
   */
  public static final double DEFAULT_SEGMENT_SECONDS = LiveWindow.DEFAULT_SEGMENT_SECONDS;
  /**
   * MPEG-TS stays the default: every HLS player plays it, and fMP4's saving is measured, not
   * assumed (docs/benchmarks.md, bench/cmaf-vs-ts.sh).
   */
  public static final String DEFAULT_SEGMENT_FORMAT = SegmentFormat.TS.flag();
  /** No LL-HLS parts until the viewer plays them (issue 17): a node opts in with --part-seconds. */
  public static final double DEFAULT_PART_SECONDS = 0;
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
  private String segmentFormat = DEFAULT_SEGMENT_FORMAT;
  private double partSeconds = DEFAULT_PART_SECONDS;
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
  private String rtmpHost;
  private Integer rtmpsPort;
  private Path rtmpsCert;
  private Path rtmpsKey;
  private Path publishTokenFile;
  private Path hlsInput;

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

  /** ts or fmp4; checked by {@link #build()}. */
  public NodeSettingsBuilder segmentFormat(String segmentFormat) {
    this.segmentFormat = Objects.requireNonNull(segmentFormat);
    return this;
  }

  /** 0 (no parts) or the LL-HLS part length; checked by {@link #build()}. */
  public NodeSettingsBuilder partSeconds(double partSeconds) {
    this.partSeconds = partSeconds;
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

  /** Where plain RTMP listens; null (the default) follows --host, or loopback when RTMPS is on. */
  public NodeSettingsBuilder rtmpHost(String rtmpHost) {
    this.rtmpHost = rtmpHost;
    return this;
  }

  /**
   * RTMPS: {@code port} null for {@link RtmpsOptions#DEFAULT_PORT}; {@code cert}/{@code key} null to
   * use the HTTPS ones ({@link #tls}). With no certificate at all there is no RTMPS listener.
   */
  public NodeSettingsBuilder rtmps(Integer port, Path cert, Path key) {
    this.rtmpsPort = port;
    this.rtmpsCert = cert;
    this.rtmpsKey = key;
    return this;
  }

  /** The file the publish token was read from, for telling the user where it is; null when given. */
  public NodeSettingsBuilder publishTokenFile(Path file) {
    this.publishTokenFile = file;
    return this;
  }

  public NodeSettingsBuilder ffmpeg(String ffmpeg) {
    this.ffmpeg = Objects.requireNonNull(ffmpeg);
    return this;
  }

  /** Follow another packager's HLS tree in {@code dir} instead of RTMP ingest; null for RTMP. */
  public NodeSettingsBuilder hlsInput(Path dir) {
    this.hlsInput = dir;
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

  /**
   * Checks every setting as given, the publish token only when one was given (a node without one uses
   * the stored or a new one, which is created only after this passed); a value the user can fix is
   * refused with a {@link UserError} naming the flag and the rule. No side effects.
   */
  public NodeSettingsBuilder check() {
    if (!Names.isStreamName(name)) {
      throw new UserError("--name " + UserText.quote(name) + " is an invalid stream name: " + Names.STREAM_RULE);
    }
    if (publishToken != null) {
      checkPublishToken(publishToken);
    }
    // It ends up in an HTML attribute of the watch page: keep it to what Reown issues (hex/alphanumerics).
    if (reownProjectId != null && !reownProjectId.matches("[A-Za-z0-9_-]{1,128}")) {
      throw new UserError("--reown-project-id must be the id Reown gave you (letters and digits), not "
          + UserText.quote(reownProjectId));
    }
    if (title.length() > StreamAnnounce.MAX_TITLE) {
      throw new UserError("--title is " + title.length() + " characters long; at most " + StreamAnnounce.MAX_TITLE);
    }
    HostOption.check(host);
    Ports.check(httpPort);
    Ports.check(rtmpPort);
    if (!(segmentSeconds >= TranscodeConfig.MIN_SEGMENT_SECONDS && segmentSeconds <= TranscodeConfig.MAX_SEGMENT_SECONDS)) {
      throw new UserError("--segment-seconds must be between " + plain(TranscodeConfig.MIN_SEGMENT_SECONDS)
          + " and " + plain(TranscodeConfig.MAX_SEGMENT_SECONDS) + ", not " + plain(segmentSeconds));
    }
    if (playlistWindow < LiveWindow.MIN_PLAYLIST_WINDOW || playlistWindow > LiveWindow.MAX_PLAYLIST_WINDOW) {
      throw new UserError("--playlist-window must be " + LiveWindow.MIN_PLAYLIST_WINDOW + " to "
          + LiveWindow.MAX_PLAYLIST_WINDOW + " segments, not " + playlistWindow);
    }
    int signed = LiveWindow.manifestWindow(playlistWindow);
    if (retention < 0 || (retention != 0 && retention < signed)) {
      throw new UserError("--retention must be 0 (keep the whole recording) or at least the " + signed
          + " segments a manifest lists with --playlist-window " + playlistWindow + ", not " + retention);
    }
    if (endAfter.isNegative() || endAfter.isZero()) {
      throw new UserError("--end-after must be a positive duration (e.g. 30s)");
    }
    if (ffmpeg.isBlank()) {
      throw new UserError("--ffmpeg must name an executable");
    }
    TlsOptions.checkPaired(tlsCert, tlsKey);
    checkRtmps();
    // It may not exist yet (the packager creates it when a publisher starts), but a file is a typo.
    if (hlsInput != null && Files.exists(hlsInput) && !Files.isDirectory(hlsInput)) {
      throw new UserError("--hls-input " + UserText.quote(hlsInput.toString()) + " is a file, not the packager's directory");
    }
    try {
      LatencyMode.fromWire(latency.strip().toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserError("--latency " + UserText.quote(latency) + " must be low or normal");
    }
    if (SegmentFormat.parse(segmentFormat).isEmpty()) {
      throw new UserError("--segment-format " + UserText.quote(segmentFormat) + " must be ts or fmp4");
    }
    checkPartSeconds();
    try {
      Ladder.parse(ladder);
    } catch (IllegalArgumentException e) {
      throw new UserError("--ladder: " + e.getMessage());
    }
    if (publicUrl != null) {
      ServerUrls.base("--public-url", publicUrl, ServerUrls.HTTP);
    }
    extraOrigins.forEach(o -> ServerUrls.base("--origin", o, ServerUrls.HTTP));
    trackers.forEach(t -> ServerUrls.endpoint("--tracker", t, ServerUrls.WEBSOCKET));
    // The announce lists the node itself (and the bucket) before these, within the protocol's limit.
    int ownOrigins = 1 + (bucket != null ? 1 : 0);
    if (ownOrigins + extraOrigins.size() > StreamAnnounce.MAX_HINTS) {
      throw new UserError("at most " + (StreamAnnounce.MAX_HINTS - ownOrigins) + " --origin values (the announce lists "
          + StreamAnnounce.MAX_HINTS + " origins, this node's own included)");
    }
    if (1 + trackers.size() > StreamAnnounce.MAX_HINTS) {
      throw new UserError("at most " + (StreamAnnounce.MAX_HINTS - 1) + " --tracker values (the announce lists "
          + StreamAnnounce.MAX_HINTS + " trackers, this node's own included)");
    }
    Path data = dataDir.toAbsolutePath();
    if (Files.exists(data) && !Files.isDirectory(data)) {
      throw new UserError("--data " + UserText.quote(dataDir.toString()) + " is a file, not a directory");
    }
    return this;
  }

  private void checkRtmps() {
    RtmpsOptions.checkPaired(rtmpsCert, rtmpsKey);
    if (rtmpHost != null) {
      HostOption.check("--rtmp-host", rtmpHost);
    }
    if (rtmpsPort == null) {
      return;
    }
    Ports.check("--rtmps-port", rtmpsPort);
    if (rtmpsCert == null && tlsCert == null) {
      throw new UserError("--rtmps-port needs a certificate: give --rtmps-cert and --rtmps-key, or --tls-cert and --tls-key");
    }
    if (rtmpsPort != 0 && rtmpsPort == rtmpPort) {
      throw new UserError("--rtmps-port and --rtmp-port must differ (both are " + rtmpPort + ")");
    }
  }

  private static String plain(double d) {
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** What a publish token may be: long enough not to be guessed, and usable as is in OBS's stream key. */
  static void checkPublishToken(String token) {
    if (token.length() < MIN_PUBLISH_TOKEN_LENGTH) {
      throw new UserError("the publish token must be at least " + MIN_PUBLISH_TOKEN_LENGTH + " characters");
    }
    if (!token.matches("[A-Za-z0-9._~-]{1,256}")) {
      throw new UserError("the publish token goes into OBS's stream key (NAME?token=T): use up to 256 letters, "
          + "digits and . _ ~ - only");
    }
  }

  /** The settings, checked; a value the user can fix is refused with a {@link UserError} naming the rule. */
  public NodeSettings build() {
    check();
    if (publishToken == null) {
      throw new IllegalStateException("no publish token: pass the stored one (NodeSecrets.publishToken)");
    }
    LatencyMode mode = LatencyMode.fromWire(latency.strip().toLowerCase(java.util.Locale.ROOT));
    Ladder rungs = Ladder.parse(ladder);
    // What users type (http://host:8080 without the slash) is completed here, before it is signed.
    String url = publicUrl == null ? null : ServerUrls.base("--public-url", publicUrl, ServerUrls.HTTP);
    List<String> origins = extraOrigins.stream().map(o -> ServerUrls.base("--origin", o, ServerUrls.HTTP)).toList();
    List<String> trackerUrls =
        trackers.stream().map(t -> ServerUrls.endpoint("--tracker", t, ServerUrls.WEBSOCKET)).toList();
    Path data = dataDir.toAbsolutePath();
    Path tlsForRtmps = rtmpsCert != null ? rtmpsCert : tlsCert;
    Path tlsKeyForRtmps = rtmpsCert != null ? rtmpsKey : tlsKey;
    boolean rtmps = tlsForRtmps != null;
    // A node offered to the internet over RTMPS keeps clear-text RTMP (and the token in it) local.
    String plainHost = rtmpHost != null ? HostOption.check("--rtmp-host", rtmpHost)
        : rtmps ? LOOPBACK : HostOption.check(host);
    return new NodeSettings(name, keyFile != null ? keyFile : data.resolve("creator.key"), data, HostOption.check(host),
        httpPort, rtmpPort, publishToken, url, title, tips, mode, rungs, segmentSeconds,
        SegmentFormat.parse(segmentFormat).orElseThrow(), partSeconds, playlistWindow, retention, endAfter, newEpoch, origins, trackerUrls, tlsCert, tlsKey, ffmpeg, reownProjectId,
        bucket, plainHost, rtmpsPort != null ? rtmpsPort : RtmpsOptions.DEFAULT_PORT, tlsForRtmps, tlsKeyForRtmps,
        publishTokenFile == null ? null : publishTokenFile.toAbsolutePath(),
        hlsInput == null ? null : hlsInput.toAbsolutePath().normalize());
  }

  /** Parts need the built-in fMP4 packager, and at least two of them in a segment. */
  private void checkPartSeconds() {
    if (partSeconds == 0) {
      return;
    }
    if (SegmentFormat.parse(segmentFormat).orElse(SegmentFormat.TS) != SegmentFormat.FMP4) {
      throw new UserError("--part-seconds needs --segment-format fmp4 (LL-HLS parts are fMP4 fragments)");
    }
    if (hlsInput != null) {
      throw new UserError("--part-seconds works with the node's own packager, not with --hls-input");
    }
    double most = segmentSeconds / 2;
    if (!(partSeconds >= TranscodeConfig.MIN_PART_SECONDS && partSeconds <= most)) {
      throw new UserError("--part-seconds must be 0 (no parts) or between " + plain(TranscodeConfig.MIN_PART_SECONDS)
          + " and half of --segment-seconds (" + plain(most) + "), not " + plain(partSeconds));
    }
  }
}
