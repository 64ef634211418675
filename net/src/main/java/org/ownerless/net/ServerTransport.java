package org.ownerless.net;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The socket layer under a server (the origin, the standalone tracker): Linux epoll when Netty's native
 * library loads, NIO otherwise or when the server's own system property (for instance
 * {@code -Downerless.origin.nio=true}) asks for it. Epoll saves system calls and the JDK selector's
 * bookkeeping per request, and keeps an idle connection as a file descriptor and a small Java object where
 * NIO adds the JDK's SocketChannelImpl, its locks and a SelectionKey: at tens of thousands of idle peers
 * that is a large part of the memory per peer.
 */
public record ServerTransport(String name, IoHandlerFactory ioHandlers,
    Class<? extends ServerSocketChannel> serverChannel) {

  /** Epoll where it loads, unless the boolean system property {@code forceNioProperty} is true. */
  public static ServerTransport best(String forceNioProperty) {
    if (Boolean.getBoolean(forceNioProperty) || !Epoll.isAvailable()) {
      return new ServerTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }
    return new ServerTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
  }
}
