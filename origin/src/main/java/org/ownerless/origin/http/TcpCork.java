package org.ownerless.origin.http;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;

/**
 * Holds back partial TCP segments while a response's head and its file go out, as nginx's
 * {@code tcp_nopush} does: the head then travels in the file's first full segment instead of one of
 * its own (the sockets run with TCP_NODELAY, so without the cork every head is a small packet and a
 * wake-up for the reader). Released once the response is written, so its last partial segment leaves
 * at once. Only Linux epoll sockets have the option; elsewhere this does nothing.
 */
final class TcpCork {
  private TcpCork() {}

  static void hold(Channel ch) {
    set(ch, true);
  }

  static void release(Channel ch) {
    set(ch, false);
  }

  private static void set(Channel ch, boolean corked) {
    if (ch instanceof EpollSocketChannel && ch.isOpen()) {
      ch.config().setOption(EpollChannelOption.TCP_CORK, corked);
    }
  }
}
