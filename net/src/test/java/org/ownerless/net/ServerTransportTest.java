package org.ownerless.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
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
}
