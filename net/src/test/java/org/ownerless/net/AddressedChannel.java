package org.ownerless.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** An in-memory channel that looks like a socket from a chosen client address. */
final class AddressedChannel extends EmbeddedChannel {
  private final InetSocketAddress remote;

  private AddressedChannel(String ip) {
    super(false, false); // registered by the factory, once the address is set
    this.remote = new InetSocketAddress(ip, 40_000);
  }

  /** Connects from {@code ip} through {@code handlers}: they see channelActive as on a real accept. */
  static AddressedChannel from(String ip, ChannelHandler... handlers) {
    AddressedChannel ch = new AddressedChannel(ip);
    ch.pipeline().addLast(handlers);
    try {
      ch.register();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return ch;
  }

  @Override
  protected SocketAddress remoteAddress0() {
    return remote;
  }
}
