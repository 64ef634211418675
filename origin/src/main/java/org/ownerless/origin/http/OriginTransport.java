package org.ownerless.origin.http;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The socket layer under the origin: Linux epoll when Netty's native library loads (fewer system
 * calls and no JDK selector bookkeeping per request, sendfile all the same), NIO otherwise or when
 * {@code -Downerless.origin.nio=true} asks for it.
 */
record OriginTransport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerSocketChannel> serverChannel) {

  static OriginTransport best() {
    if (Boolean.getBoolean("ownerless.origin.nio") || !Epoll.isAvailable()) {
      return new OriginTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }
    return new OriginTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
  }
}
