package org.ownerless.app.relay;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ownerless.app.UserError;
import org.ownerless.app.node.ViewerPageHeaders;
import org.ownerless.app.node.WatchRoute;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.origin.http.OriginServer;
import org.ownerless.origin.http.PrometheusRoute;
import org.ownerless.origin.relay.MirrorRoute;
import org.ownerless.origin.relay.RelayConfig;
import org.ownerless.origin.relay.StreamMirror;
import org.ownerless.protocol.model.StreamId;
import org.ownerless.viewer.ViewerAssets;
import org.ownerless.protocol.io.AtomicFiles;

/**
 * A verifying relay: a {@link StreamMirror} of one stream under {@code DATA/streams/}, served by the
 * origin exactly like a node serves its own (same URLs, caching, ETags), plus the viewer page at
 * {@code /watch/PUB/NAME} and Prometheus metrics at {@code /metrics}.
 */
public final class Relay implements AutoCloseable {
  private final RelayOptions options;
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private StreamMirror mirror;
  private OriginServer origin;
  private String publicUrl;

  private Relay(RelayOptions options) {
    this.options = options;
  }

  public static Relay start(RelayOptions options) throws IOException {
    Relay relay = new Relay(options);
    try {
      relay.startAll();
      return relay;
    } catch (IOException | RuntimeException e) {
      relay.close();
      throw e;
    }
  }

  private void startAll() throws IOException {
    Path streams = options.dataDir().resolve("streams");
    AtomicFiles.publicDirectory(streams);
    Path viewerDir = options.dataDir().resolve("viewer");
    ViewerAssets.extractTo(viewerDir);
    StreamId stream = options.stream();
    List<StreamUrl> upstreams = new ArrayList<>();
    for (String u : options.upstreams()) {
      upstreams.add(StreamUrl.forStream(u, stream));
    }
    String scheme = options.tlsCert() != null ? "https://" : "http://";
    // Known before binding unless the port is picked by the system (tests): then the hint list
    // simply cannot contain this relay's URL under a name it could recognise anyway.
    String ownUrl = options.publicUrl() != null ? options.publicUrl()
        : options.httpPort() == 0 ? null : scheme + displayHost(options.host()) + ":" + options.httpPort() + "/";
    RelayConfig config = RelayConfig.of(stream, upstreams, streams, ownUrl).withRetention(options.retention());
    mirror = new StreamMirror(config, metrics);
    OriginServer.Builder b = OriginServer.builder().host(options.host()).port(options.httpPort())
        .staticRoot("/streams/", streams)
        .route(MirrorRoute.prefixOf(stream), new MirrorRoute(mirror, config))
        .staticRoot(WatchRoute.ASSETS, viewerDir, ViewerPageHeaders.ALL)
        .route(WatchRoute.PREFIX, new WatchRoute(null, stream.toString(), streams))
        .route("/metrics", new PrometheusRoute(metrics))
        .meterRegistry(metrics);
    if (options.tlsCert() != null) {
      b.tls(options.tlsCert(), options.tlsKey());
    }
    origin = b.build();
    int port = bind(origin, options.httpPort());
    publicUrl = options.publicUrl() != null ? withSlash(options.publicUrl())
        : scheme + displayHost(options.host()) + ":" + port + "/";
    mirror.start();
  }

  private static int bind(OriginServer origin, int port) {
    try {
      return origin.start();
    } catch (RuntimeException e) {
      if (e.getCause() instanceof BindException) {
        throw new UserError("HTTP port " + port + " is already in use; choose another with --http-port");
      }
      throw e;
    }
  }

  private static String displayHost(String bind) {
    return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
  }

  public String publicUrl() {
    return publicUrl;
  }

  public String streamUrl() {
    return publicUrl + options.stream().path() + "/";
  }

  public String watchUrl() {
    return publicUrl + WatchRoute.PREFIX.substring(1) + options.stream();
  }

  public StreamMirror mirror() {
    return mirror;
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** Stops serving first (no request sees a half-closed mirror), then stops following. Idempotent. */
  @Override
  public void close() {
    if (origin != null) {
      origin.close();
    }
    if (mirror != null) {
      mirror.close();
    }
  }

  /** Base URLs are written with a trailing slash everywhere (announce hints, banners). */
  private static String withSlash(String url) {
    return url.endsWith("/") ? url : url + "/";
  }
}
