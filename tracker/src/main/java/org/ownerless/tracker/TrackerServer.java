package org.ownerless.tracker;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;

/** The tracker on its own port: HTTP only to upgrade /announce to a WebSocket. */
public final class TrackerServer implements AutoCloseable, TrackerCounters {
  private final InetSocketAddress bind;
  private final TrackerInstaller installer;
  private EventLoopGroup group;
  private Channel server;

  public TrackerServer(InetSocketAddress bind, TrackerConfig config) {
    this(bind, new SwarmRegistry(config));
  }

  public TrackerServer(InetSocketAddress bind, SwarmRegistry registry) {
    this.bind = bind;
    this.installer = new TrackerInstaller(registry);
  }

  /** Binds and returns the port (useful with port 0). */
  public int start() throws InterruptedException {
    group = new NioEventLoopGroup();
    server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(4096, 8192, 8192), new HttpObjectAggregator(8192),
                new HttpGate(installer));
          }
        }).bind(bind).sync().channel();
    return ((InetSocketAddress) server.localAddress()).getPort();
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
