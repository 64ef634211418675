package org.ownerless.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.SocketAddress;

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

  /** Linux's EADDRINUSE, as Netty's native transport reports it (negated); epoll exists only on Linux. */
  private static final int EADDRINUSE_NEGATIVE = -98;

  /**
   * Binds {@code bootstrap} to {@code address} and returns the listening channel. A port already in use is
   * an {@link UncheckedIOException} whose cause is a {@link BindException} with either transport: NIO
   * throws the JDK's, epoll Netty's own {@code NativeIoException}, which callers that turn a busy port
   * into one clear line could not otherwise tell from any other I/O failure.
   */
  public static Channel bind(ServerBootstrap bootstrap, SocketAddress address) throws InterruptedException {
    try {
      return bootstrap.bind(address).sync().channel();
    } catch (InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) { // Netty rethrows the socket's checked exception undeclared
      if (isAddressInUse(e)) {
        BindException busy = new BindException(address + ": address already in use");
        busy.initCause(e);
        throw new UncheckedIOException(busy);
      }
      throw e instanceof IOException io ? new UncheckedIOException(io) : new IllegalStateException(e);
    }
  }

  static boolean isAddressInUse(Throwable e) {
    return e instanceof BindException
        || e instanceof Errors.NativeIoException n && n.expectedErr() == EADDRINUSE_NEGATIVE;
  }
}
