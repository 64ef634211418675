package org.ownerless.tracker;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import org.ownerless.net.ServerTransport;

/**
 * The tracker on its own port: HTTP only to upgrade /announce to a WebSocket. One event-loop thread
 * per available processor (on a process pinned to one core that is one thread: more would only
 * context-switch, the work per message being far shorter than a time slice).
 */
public final class TrackerServer implements AutoCloseable, TrackerCounters {
  private final InetSocketAddress bind;
  private final TrackerInstaller installer;
  private final int threads;
  private EventLoopGroup group;
  private ServerTransport transport;
  private Channel server;

  public TrackerServer(InetSocketAddress bind, TrackerConfig config) {
    this(bind, new SwarmRegistry(config));
  }

  public TrackerServer(InetSocketAddress bind, SwarmRegistry registry) {
    this(bind, registry, Runtime.getRuntime().availableProcessors());
  }

  public TrackerServer(InetSocketAddress bind, SwarmRegistry registry, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive, not " + threads);
    }
    this.bind = bind;
    this.installer = new TrackerInstaller(registry);
    this.threads = threads;
  }

  /** Binds and returns the port (useful with port 0). */
  public int start() throws InterruptedException {
    transport = ServerTransport.best("ownerless.tracker.nio");
    group = new MultiThreadIoEventLoopGroup(threads, transport.ioHandlers());
    ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(transport.serverChannel())
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(4096, 8192, 8192), new HttpObjectAggregator(8192),
                new HttpGate(installer));
          }
        });
    server = ServerTransport.bind(bootstrap, bind);
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** "epoll" or "nio", once started. */
  public String transportName() {
    return transport == null ? null : transport.name();
  }

  public SwarmRegistry registry() {
    return installer.registry();
  }

  @Override
  public int connections() {
    return registry().connections();
  }

  @Override
  public int swarmCount() {
    return registry().swarmCount();
  }

  @Override
  public int peerCount() {
    return registry().peerCount();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close().syncUninterruptibly();
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
