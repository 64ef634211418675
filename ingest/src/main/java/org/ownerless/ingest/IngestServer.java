package org.ownerless.ingest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ownerless.ingest.rtmp.ChunkDecoder;
import org.ownerless.ingest.rtmp.ChunkEncoder;
import org.ownerless.ingest.rtmp.HandshakeHandler;
import org.ownerless.ingest.rtmp.PendingBytesBudget;
import org.ownerless.ingest.rtmp.ProtocolControlHandler;
import org.ownerless.ingest.rtmp.RtmpSession;
import org.ownerless.ingest.transcode.StreamTranscoder;
import org.ownerless.ingest.transcode.TranscodeListener;
import org.ownerless.net.ConnectionLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTMP ingest: accepts publishers on {@code rtmp://HOST:PORT/live} (and, when configured, on
 * {@code rtmps://HOST:PORT/live}) with stream key NAME?token=TOKEN and feeds each stream's transcoder. One pipeline per connection, one job per
 * handler: limits, idle detection, handshake, chunk decoding/encoding, protocol control, session commands.
 */
public final class IngestServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IngestServer.class);

  private final IngestConfig config;
  private final StreamRegistry registry;
  private final ConnectionLimiter limiter;
  private final PendingBytesBudget pendingBytes;
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private Channel serverChannel;
  private Channel tlsChannel;

  public IngestServer(IngestConfig config, TranscodeListener listener) {
    this(config, listener, name -> true);
  }

  /** @param streamAllowed which stream names publishers may use (others are refused at publish) */
  public IngestServer(IngestConfig config, TranscodeListener listener, java.util.function.Predicate<String> streamAllowed) {
    this.config = config;
    this.registry = new StreamRegistry(config.publishToken(), config.maxStreams(),
        name -> new StreamTranscoder(name, config.transcode(), listener), streamAllowed,
        config.takeoverAfterSilence());
    this.limiter = new ConnectionLimiter("RTMP", config.maxConnections(), config.maxConnectionsPerIp());
    this.pendingBytes = new PendingBytesBudget(config.pendingBytesBudget());
  }

  /**
   * Binds the plain RTMP socket and, when configured, the RTMPS one; returns the plain port (useful
   * with port 0; {@link #rtmpsPort()} gives the other).
   */
  public int start() throws InterruptedException {
    serverChannel = bootstrap(null).bind(config.host(), config.port()).sync().channel();
    int port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    log.info("RTMP ingest listening on rtmp://{}:{}/live", config.host(), port);
    RtmpsEndpoint tls = config.rtmps();
    if (tls != null) {
      tlsChannel = bootstrap(tls).bind(tls.host(), tls.port()).sync().channel();
      log.info("RTMPS ingest listening on rtmps://{}:{}/live", tls.host(), rtmpsPort());
    }
    return port;
  }

  /** The bound plain RTMP port, or -1 before it is bound. */
  public int rtmpPort() {
    return serverChannel == null ? -1 : ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** The bound RTMPS port, or -1 when there is no RTMPS listener. */
  public int rtmpsPort() {
    return tlsChannel == null ? -1 : ((InetSocketAddress) tlsChannel.localAddress()).getPort();
  }

  /** One server socket; {@code tls} null for plain RTMP. Both kinds share limits, budget and streams. */
  private ServerBootstrap bootstrap(RtmpsEndpoint tls) {
    return new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 128)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(config.maxPendingOutboundBytes() / 2, config.maxPendingOutboundBytes()))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ChunkDecoder decoder =
                new ChunkDecoder(config.chunkLimitsBeforePublish(), config.chunkLimits(), pendingBytes);
            ChunkEncoder encoder = new ChunkEncoder();
            // The limiter first: a refused connection costs no TLS work.
            ch.pipeline().addLast("limits", limiter);
            if (tls != null) {
              SslHandler ssl = tls.sslContext().newHandler(ch.alloc());
              // Netty closes the connection when the deadline passes mid-handshake.
              ssl.setHandshakeTimeoutMillis(tls.handshakeTimeout().toMillis());
              ch.pipeline().addLast("tls", ssl).addLast("tls-failure", TlsFailureHandler.INSTANCE);
            }
            ch.pipeline()
                .addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("outbound-limit", new OutboundLimitHandler())
                .addLast("handshake", new HandshakeHandler())
                .addLast("chunk-decoder", decoder)
                .addLast("chunk-encoder", encoder)
                .addLast("protocol-control", new ProtocolControlHandler(encoder, decoder))
                .addLast("session", new RtmpSession(registry, config.publishDeadline().toMillis()));
          }
        });
  }

  public List<String> streams() {
    return registry.names();
  }

  public boolean isPublishing(String stream) {
    return registry.isPublishing(stream);
  }

  /** The stream's transcoder, or null if nobody has published it yet. */
  public StreamTranscoder transcoder(String stream) {
    return registry.transcoder(stream);
  }

  public int activeConnections() {
    return limiter.active();
  }

  /** Bytes of partially received messages all connections hold right now. */
  public long pendingBytes() {
    return pendingBytes.reserved();
  }

  @Override
  public void close() {
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly();
    }
    if (tlsChannel != null) {
      tlsChannel.close().awaitUninterruptibly();
    }
    registry.closeAll();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
