package org.ownerless.net;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ServerTransportTest {
  private static final String PROPERTY = "ownerless.test.transport.nio";

  @Test
  void theServersPropertyForcesNioEvenWhereEpollLoads() {
    System.setProperty(PROPERTY, "true");
    try {
      ServerTransport transport = ServerTransport.best(PROPERTY);
      assertThat(transport.name()).isEqualTo("nio");
      assertThat(transport.serverChannel()).isEqualTo(NioServerSocketChannel.class);
    } finally {
      System.clearProperty(PROPERTY);
    }
  }

  @Test
  void withoutThePropertyEpollIsChosenWhereverItLoads() {
    ServerTransport transport = ServerTransport.best(PROPERTY);
    if (Epoll.isAvailable()) {
      assertThat(transport.name()).isEqualTo("epoll");
      assertThat(transport.serverChannel()).isEqualTo(EpollServerSocketChannel.class);
    } else {
      assertThat(transport.name()).isEqualTo("nio");
    }
  }

  @Test
  void aBusyPortIsABindExceptionWithEitherTransport() throws Exception {
    System.setProperty(PROPERTY, "true");
    ServerTransport nio;
    try {
      nio = ServerTransport.best(PROPERTY);
    } finally {
      System.clearProperty(PROPERTY);
    }
    for (ServerTransport transport : java.util.List.of(ServerTransport.best(PROPERTY), nio)) {
      MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlers());
      try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(transport.serverChannel())
            .childHandler(new ChannelInboundHandlerAdapter());
        assertThatThrownBy(() -> ServerTransport.bind(bootstrap, new InetSocketAddress("127.0.0.1", busy.getLocalPort())))
            .as(transport.name())
            .isInstanceOf(UncheckedIOException.class)
            .cause().isInstanceOf(BindException.class).hasMessageContaining(String.valueOf(busy.getLocalPort()));
      } finally {
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).sync();
      }
    }
  }
}
