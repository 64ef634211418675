package org.ownerless.origin.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.ownerless.net.ConnectionLimiter;
import org.ownerless.net.ServerTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 origin: static files under {@code /streams/}, plus routes and WebSocket upgrades that
 * other modules register (viewer page, Prometheus scrape, tracker). Plain HTTP or HTTPS. Only answers
 * under {@code /streams/} are readable by other websites (CORS).
 *
 * <pre>{@code
 * OriginServer server = OriginServer.builder()
 *     .host("0.0.0.0").port(8080)
 *     .staticRoot("/streams/", dataDir.resolve("streams"))
 *     .route("/metrics", new PrometheusRoute(prometheus))
 *     .meterRegistry(prometheus)
 *     .build();
 * int port = server.start();
 * }</pre>
 */
public final class OriginServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OriginServer.class);

  private final String host;
  private final int requestedPort;
  private final int ioThreads;
  private final OriginLimits limits;
  private final SslContext ssl;
  private final Routes routes;
  private final MeterRegistry registry;
  private final BlockingReloads reloads;

  private EventLoopGroup acceptor;
  private EventLoopGroup workers;
  private Channel serverChannel;
  private HttpMetrics metrics;

  private OriginServer(Builder b) {
    this.host = b.host;
    this.requestedPort = b.port;
    this.ioThreads = b.ioThreads;
    this.limits = b.limits;
    this.ssl = b.ssl;
    this.routes = b.routes.copy();
    this.registry = b.registry;
    this.reloads = b.reloads;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds and starts serving; returns the bound port (useful with port 0). */
  public synchronized int start() {
    if (serverChannel != null) {
      throw new IllegalStateException("already started");
    }
    ConnectionLimiter limiter = new ConnectionLimiter("HTTP", limits.maxConnections(), limits.maxConnectionsPerIp());
    metrics = new HttpMetrics(registry, limiter::active);
    reloads.start(limits.maxHeldReloads(), registry);
    ServerTransport transport = ServerTransport.best("ownerless.origin.nio");
    acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("origin-accept"), transport.ioHandlers());
    workers = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("origin-io"), transport.ioHandlers());
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(acceptor, workers)
        .channel(transport.serverChannel())
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(limits.writeBufferLowWaterMark(), limits.writeBufferHighWaterMark()))
        .childHandler(new OriginChannelInitializer(limits, ssl, limiter, new MetricsHandler(metrics), routes));
    try {
      serverChannel = ServerTransport.bind(bootstrap, new InetSocketAddress(host, requestedPort));
    } catch (Exception e) {
      close();
      if (e instanceof UncheckedIOException io) { // a busy port's cause is a BindException with either transport
        throw new UncheckedIOException("cannot listen on " + host + ":" + requestedPort, io.getCause());
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("cannot listen on " + host + ":" + requestedPort, e);
    }
    int port = port();
    log.info("origin listening on {}://{}:{} ({})", ssl == null ? "http" : "https", host, port, transport.name());
    return port;
  }

  /** The bound port; only meaningful after {@link #start()}. */
  public synchronized int port() {
    if (serverChannel == null) {
      throw new IllegalStateException("not started");
    }
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  public boolean isTls() {
    return ssl != null;
  }

  /** Stops accepting, closes every connection and releases the threads. Idempotent. */
  @Override
  public synchronized void close() {
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly();
      serverChannel = null;
    }
    reloads.close(); // while the event loops still run the held requests' last tasks
    if (acceptor != null) {
      acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      acceptor = null;
      workers = null;
    }
    if (metrics != null) {
      metrics.close();
      metrics = null;
    }
  }

  /** Collects the configuration; {@link #build()} validates it (TLS files are read then). */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = 8080;
    // One event loop per core: more only adds context switches for a file server.
    private int ioThreads = Runtime.getRuntime().availableProcessors();
    private OriginLimits limits = OriginLimits.defaults();
    private Path certPem;
    private Path keyPem;
    private SslContext ssl;
    private MeterRegistry registry = new CompositeMeterRegistry(); // no children: counts go nowhere
    private final Routes routes = new Routes();
    private final BlockingReloads reloads = new BlockingReloads(); // one per server: the bound is total

    private Builder() {}

    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** 0 picks a free port; {@link #start()} returns it. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** Event-loop threads for connections; 0 for Netty's default. */
    public Builder ioThreads(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("ioThreads must be >= 0");
      }
      this.ioThreads = n;
      return this;
    }

    /**
     * Serves files of {@code dir} below URL {@code prefix} (which must end in '/'): the URL
     * {@code prefix + "a/b.ts"} is the file {@code dir/a/b.ts}. For the node's data directory that is
     * {@code staticRoot("/streams/", data.resolve("streams"))}. The directory must exist.
     */
    public Builder staticRoot(String prefix, Path dir) {
      return staticRoot(prefix, dir, Map.of());
    }

    /** As {@link #staticRoot(String, Path)}, sending {@code pageHeaders} with every HTML file there. */
    public Builder staticRoot(String prefix, Path dir, Map<String, String> pageHeaders) {
      if (prefix == null || !prefix.endsWith("/")) {
        throw new IllegalArgumentException("static prefix must end with '/': " + prefix);
      }
      return route(prefix, new StaticFileRoute(prefix, dir, pageHeaders));
    }

    /** An exact path ({@code /metrics}) or, ending in '/', a prefix ({@code /watch/}). */
    public Builder route(String path, HttpRoute route) {
      routes.add(path, Objects.requireNonNull(route, "route"));
      route.holdReloadsIn(reloads);
      return this;
    }

    /**
     * Claims an exact path for WebSocket: a GET carrying {@code Upgrade: websocket} there gets its
     * HTTP-only handlers removed, then {@code installer} appends its handlers (typically a
     * {@code WebSocketServerProtocolHandler} for the same path, then the frame handler), which
     * receive the handshake request. Plain requests to the path get 426 unless a route also matches.
     */
    public Builder upgradeRoute(String path, Consumer<ChannelPipeline> installer) {
      routes.addUpgrade(path, Objects.requireNonNull(installer, "installer"));
      return this;
    }

    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Serves HTTPS with this PEM certificate chain and PEM (PKCS#8) private key. */
    public Builder tls(Path certPem, Path keyPem) {
      this.certPem = Objects.requireNonNull(certPem, "certPem");
      this.keyPem = Objects.requireNonNull(keyPem, "keyPem");
      return this;
    }

    public Builder limits(OriginLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public OriginServer build() {
      if (certPem != null) {
        try {
          ssl = SslContextBuilder.forServer(certPem.toFile(), keyPem.toFile())
              .sslProvider(SslProvider.JDK) // no native dependency; TLS 1.2/1.3 from the JDK
              .build();
        } catch (SSLException | IllegalArgumentException e) {
          throw new IllegalArgumentException("cannot load TLS certificate " + certPem + " / key " + keyPem
              + ": " + e.getMessage(), e);
        }
      }
      return new OriginServer(this);
    }
  }
}
