package org.ownerless.app.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ownerless.app.UserError;
import org.ownerless.app.studio.StudioAccess;
import org.ownerless.app.studio.StudioRoute;
import org.ownerless.app.studio.StudioState;
import org.ownerless.ingest.IngestConfig;
import org.ownerless.ingest.IngestServer;
import org.ownerless.ingest.RtmpsEndpoint;
import org.ownerless.ingest.hls.HlsFollower;
import org.ownerless.ingest.hls.HlsInputConfig;
import org.ownerless.ingest.transcode.SegmentFormat;
import org.ownerless.ingest.transcode.TranscodeConfig;
import org.ownerless.manifest.ManifestConfig;
import org.ownerless.manifest.ManifestService;
import org.ownerless.manifest.PublishWarmup;
import org.ownerless.manifest.SigningClock;
import org.ownerless.origin.bucket.BucketPublisher;
import org.ownerless.origin.bucket.BucketSettings;
import org.ownerless.origin.bucket.S3ObjectStore;
import org.ownerless.origin.http.OriginServer;
import org.ownerless.origin.http.PrometheusRoute;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.StreamId;
import org.ownerless.tracker.SwarmRegistry;
import org.ownerless.tracker.TrackerConfig;
import org.ownerless.viewer.ViewerAssets;
import org.ownerless.tracker.TrackerInstaller;
import org.ownerless.protocol.io.AtomicFiles;

/**
 * The whole pipeline in one process: origin (HTTP) first, so its public URL can go into the signed
 * announce; then the manifest service (continuing any logs on disk); then RTMP ingest feeding it.
 * Closing it ends the stream (the announce says so) and stops everything.
 */
public final class Node implements AutoCloseable {
  private final NodeSettings options;
  private final Signer signer;
  private final Clock wallClock;
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final OwnSwarms ownSwarms = new OwnSwarms();
  private final CreatorWarnings warnings;
  // The node's tracker is for its own stream's viewers only; a public tracker is `ownerless tracker`.
  private final SwarmRegistry trackerRegistry = new SwarmRegistry(TrackerConfig.defaults().withInfoHashes(ownSwarms));
  private OriginServer origin;
  private ManifestService manifest;
  private BucketPublisher bucket;
  private IngestServer ingest;
  private HlsFollower hlsInput;
  private StreamId stream;
  private String publicUrl;
  private int httpPort;
  private int rtmpPort;
  private int rtmpsPort = -1;

  private Node(NodeSettings options, Signer signer, Clock wallClock) {
    this.options = options;
    this.signer = signer;
    this.wallClock = wallClock;
    this.warnings = new CreatorWarnings(wallClock);
  }

  public static Node start(NodeSettings options, Signer signer) throws IOException, InterruptedException {
    return start(options, signer, Clock.systemUTC());
  }

  /** With {@code wallClock} as the time it signs by (kept from going back, {@link SigningClock}): tests step it. */
  static Node start(NodeSettings options, Signer signer, Clock wallClock) throws IOException, InterruptedException {
    Node node = new Node(options, signer, wallClock);
    try {
      node.startAll();
      return node;
    } catch (IOException | InterruptedException | RuntimeException e) {
      node.close();
      throw e;
    }
  }

  private void startAll() throws IOException, InterruptedException {
    AtomicFiles.publicDirectory(options.dataDir().resolve("streams"));
    // The viewer bundle is served like any static file (ETag, caching, ranges) from the data directory.
    Path viewerDir = options.dataDir().resolve("viewer");
    ViewerAssets.extractTo(viewerDir);
    StudioRoute studio = studioRoute();
    OriginServer.Builder b = OriginServer.builder().host(options.host()).port(options.httpPort())
        .staticRoot("/streams/", options.dataDir().resolve("streams"))
        .staticRoot(WatchRoute.ASSETS, viewerDir, ViewerPageHeaders.ALL)
        .route(WatchRoute.PREFIX,
            new WatchRoute(options.reownProjectId(), null, options.dataDir().resolve("streams")))
        .route("/metrics", new PrometheusRoute(metrics))
        .route(StudioRoute.PAGE, studio).route(StudioRoute.PREFIX, studio)
        .upgradeRoute(TrackerInstaller.PATH, new TrackerInstaller(trackerRegistry))
        .meterRegistry(metrics);
    if (options.tlsCert() != null) {
      b.tls(options.tlsCert(), options.tlsKey());
    }
    try {
      origin = b.build();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage()); // the only thing build() reads is the certificate: the user's to fix
    }
    httpPort = bind("HTTP", options.httpPort(), origin::start);
    publicUrl = options.publicUrl() != null ? options.publicUrl()
        : (options.tlsCert() != null ? "https://" : "http://") + displayHost(options.host()) + ":" + httpPort + "/";

    List<String> origins = new ArrayList<>();
    origins.add(publicUrl);
    if (options.bucket() != null) {
      origins.add(options.bucket().publicUrl());
    }
    origins.addAll(options.extraOrigins());
    // The node's own tracker first: viewers of this stream meet there unless the creator lists others.
    List<String> trackers = new ArrayList<>();
    trackers.add(publicUrl.replaceFirst("^http", "ws") + TrackerInstaller.PATH.substring(1));
    trackers.addAll(options.trackers());
    ManifestConfig mc = ManifestConfig.defaults(options.dataDir())
        .withHints(options.title(), origins, trackers, options.tips())
        .withLatency(options.latency()).withEndAfter(options.endAfter()).withRetention(options.retention())
        .withNewEpoch(options.newEpoch()).withPlaylist(options.playlistWindow(), options.segmentSeconds());
    Timer publish = Timer.builder("ownerless.segment.publish")
        .description("segment complete -> signed manifest and playlist in place")
        .publishPercentiles(0.5, 0.99).register(metrics);
    Counter signed = Counter.builder("ownerless.segments.signed").register(metrics);
    BucketPublisher toBucket = startBucket(new StreamId(signer.publicKey(), options.name()));
    manifest = new ManifestService(signer, mc, (s, r, e, nanos, cpu) -> {
      publish.record(nanos, TimeUnit.NANOSECONDS);
      signed.increment();
      if (toBucket != null) {
        toBucket.changed(); // a nudge only: uploads run on the bucket publisher's own threads
      }
    }, SigningClock.following(wallClock));
    stream = manifest.open(options.name());
    // Compiles the publishing path before the first segment, on a throwaway key and directory. The
    // test suite starts hundreds of short-lived nodes and turns it off (PublishWarmupTest covers it).
    if (!Boolean.getBoolean("ownerless.publish.warmup.off")) {
      PublishWarmup.startInBackground(mc, options.segmentFormat() == SegmentFormat.FMP4);
    }
    Gauge.builder("ownerless.tracker.peers", trackerRegistry, SwarmRegistry::peerCount).register(metrics);
    if (options.hlsInput() != null) {
      // Another packager already segments the stream: no RTMP port, no ffmpeg, the same signed output.
      hlsInput = HlsFollower.start(HlsInputConfig.defaults(options.hlsInput(), options.dataDir().resolve("work/hls-input")),
          options.name(), new RenditionsTap(stream, ownSwarms, manifest,
          new CreatorAdvice(warnings, options.segmentSeconds(), options.ladder())));
      rtmpPort = -1;
      return;
    }
    startRtmpIngest();
  }

  private void startRtmpIngest() throws InterruptedException {
    TranscodeConfig tc = TranscodeConfig.defaults(options.dataDir().resolve("work")).withLadder(options.ladder())
        .withSegmentSeconds(options.segmentSeconds()).withSegmentFormat(options.segmentFormat())
        .withPartSeconds(options.partSeconds())
        .withFfmpeg(options.ffmpeg());
    IngestConfig ic = IngestConfig.defaults(options.rtmpHost(), options.rtmpPort(), options.publishToken(), tc);
    if (options.rtmps()) {
      ic = ic.withRtmps(new RtmpsEndpoint(options.host(), options.rtmpsPort(),
          RtmpsCertificate.load(options.rtmpsCert(), options.rtmpsKey())));
    }
    ingest = new IngestServer(ic, new RenditionsTap(stream, ownSwarms, manifest,
        new CreatorAdvice(warnings, options.segmentSeconds(), options.ladder())), n -> n.equals(options.name()));
    // Both RTMP listeners bind in start(); a busy port is reported with the flag that moves it.
    rtmpPort = bind("RTMP", options.rtmpPort(), () -> {
      try {
        return ingest.start();
      } catch (Exception e) {
        // Netty rethrows the socket's BindException as is: the plain port bound, so the TLS one is taken.
        if (ingest.rtmpPort() >= 0 && (e instanceof BindException || e.getCause() instanceof BindException)) {
          throw new UserError("RTMPS port " + options.rtmpsPort() + " is already in use; choose another with --rtmps-port");
        }
        throw e;
      }
    });
    rtmpsPort = ingest.rtmpsPort();
    Gauge.builder("ownerless.rtmp.connections", ingest, IngestServer::activeConnections).register(metrics);
    TranscoderGauges.register(metrics, () -> ingest.transcoder(options.name()));
    IngestGauges.register(metrics, options.name(), () -> ingest.transcoder(options.name()));
  }

  /** The creator's page: reads the node's meters, tracker and published files; opened with the publish token. */
  private StudioRoute studioRoute() {
    StreamId id = new StreamId(signer.publicKey(), options.name());
    StudioState state = new StudioState(new StudioState.Sources(options.name(), options.title(), this::watchUrl,
        metrics, options.dataDir().resolve(id.path()), this::viewersByRendition, warnings::current, wallClock));
    return new StudioRoute(new StudioAccess(options.publishToken()), state, options.tlsCert() != null);
  }

  /** Peers in each rendition's swarm on the node's own tracker (renditions sharing a swarm count once). */
  private Map<String, Integer> viewersByRendition() {
    Map<String, Integer> out = new LinkedHashMap<>();
    ownSwarms.renditionByHash().forEach((hash, rendition) -> out.merge(rendition, trackerRegistry.peerCount(hash),
        Integer::sum));
    return out;
  }

  /** Mirrors the stream's directory to the configured bucket; connecting is lazy, so start-up never waits on it. */
  private BucketPublisher startBucket(StreamId id) {
    BucketSettings b = options.bucket();
    if (b == null) {
      return null;
    }
    bucket = BucketPublisher.start(S3ObjectStore.open(b), b.bucket(), options.dataDir().resolve(id.path()),
        b.key(id.path()), metrics);
    return bucket;
  }

  private interface Binder {
    int bind() throws InterruptedException;
  }

  private static int bind(String what, int port, Binder binder) throws InterruptedException {
    try {
      return binder.bind();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      // Netty rethrows the socket's BindException unchecked.
      if (e instanceof BindException || e.getCause() instanceof BindException) {
        throw new UserError(what + " port " + port + " is already in use; choose another with --"
            + what.toLowerCase() + "-port");
      }
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw new IllegalStateException(e);
    }
  }

  private static String displayHost(String bind) {
    return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
  }

  public StreamId stream() {
    return stream;
  }

  public int httpPort() {
    return httpPort;
  }

  /** The packager directory followed instead of RTMP ingest, or null when the node ingests RTMP. */
  public Path hlsInput() {
    return options.hlsInput();
  }

  /** The RTMP port, or -1 when the node follows an HLS directory instead. */
  public int rtmpPort() {
    return rtmpPort;
  }

  public String publicUrl() {
    return publicUrl;
  }

  public String streamUrl() {
    return publicUrl + stream.path() + "/";
  }

  /** The viewer page of this node's stream. */
  public String watchUrl() {
    if (publicUrl == null || stream == null) {
      return null; // asked (by the studio) before the node has started
    }
    return publicUrl + WatchRoute.PREFIX.substring(1) + stream.creator().toBase64Url() + "/" + options.name();
  }

  /** The creator's studio page (open it from this machine, or with the publish token). */
  public String studioUrl() {
    return publicUrl + StudioRoute.PAGE.substring(1);
  }

  /** The configured segment duration (the keyframe interval a publisher should use). */
  public double segmentSeconds() {
    return options.segmentSeconds();
  }

  /** What OBS should use: rtmps:// when the node has a certificate, plain rtmp:// otherwise. */
  public String obsServer() {
    return options.rtmps() ? "rtmps://" + displayHost(options.host()) + ":" + rtmpsPort + "/live" : plainRtmpServer();
  }

  /** The clear-text RTMP listener (the demo's own source and local encoders use it). */
  public String plainRtmpServer() {
    return "rtmp://" + displayHost(options.rtmpHost()) + ":" + rtmpPort + "/live";
  }

  public boolean rtmps() {
    return options.rtmps();
  }

  public int rtmpsPort() {
    return rtmpsPort;
  }

  /** Plain RTMP listens on a loopback address only. */
  public boolean plainRtmpIsLocal() {
    String h = options.rtmpHost();
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
  }

  public String obsStreamKey() {
    return options.name() + "?token=" + options.publishToken();
  }

  /** The stream key with a placeholder for the token, for output that may be stored. */
  public String obsStreamKeyWithoutToken() {
    return options.name() + "?token=TOKEN";
  }

  /** Where the publish token is kept; null when it was given as a setting. */
  public java.nio.file.Path publishTokenFile() {
    return options.publishTokenFile();
  }

  /** The stream's address in the bucket (an origin of its own), or null when no bucket is configured. */
  public String bucketStreamUrl() {
    return options.bucket() == null ? null : options.bucket().publicUrl() + stream.path() + "/";
  }

  /** The swarms the node's tracker serves (tests feed it renditions without a publisher). */
  OwnSwarms ownSwarms() {
    return ownSwarms;
  }

  /** What the creator should change now (shown on the studio page). */
  public CreatorWarnings warnings() {
    return warnings;
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  @Override
  public void close() {
    if (ingest != null) {
      ingest.close();
    }
    if (hlsInput != null) {
      hlsInput.close();
    }
    if (manifest != null) {
      manifest.close();
    }
    if (bucket != null) {
      bucket.close(java.time.Duration.ofSeconds(10)); // one last pass: the bucket, too, says the stream ended
    }
    if (origin != null) {
      origin.close();
    }
  }
}
