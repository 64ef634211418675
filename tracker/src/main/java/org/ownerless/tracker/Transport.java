package org.ownerless.tracker;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * Which socket layer the standalone tracker uses: Linux epoll when Netty's native library loads, NIO
 * otherwise. Epoll keeps a connection as a file descriptor and a small Java object, where NIO adds the
 * JDK's SocketChannelImpl, its locks and a SelectionKey: at tens of thousands of idle peers that is a
 * large part of the memory per peer.
 */
record Transport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerSocketChannel> serverChannel) {

  static Transport best() {
    if (!Boolean.getBoolean("ownerless.tracker.nio") && Epoll.isAvailable()) {
      return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
    }
    return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
  }
}
