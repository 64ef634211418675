package org.ownerless.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caps open connections in total and per remote address: a connection over either cap is closed
 * before any handler after this one sees it, and an admitted one gives its slot back when it closes.
 * One instance is shared by all connections of a server.
 *
 * <p>It decides once per connection, as soon as the socket is connected: when it is added to an
 * accepted socket's pipeline (or, for a channel not yet connected then, on channelActive), and when it
 * is added on a protocol upgrade. Put first, nothing else (TLS included) spends work on a refused
 * connection, and a refused one never passes channelActive on.
 *
 * <p>Behind a reverse proxy every client has the proxy's address, so the per-address cap must then be
 * raised to the proxy's connection count.
 */
@Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
  private static final AtomicLong instances = new AtomicLong();

  private final ConnectionCounts counts;
  private final RefusalLog refusals;
  // Per limiter, not per class: a connection can pass two limiters (the origin's at accept, the
  // tracker's on upgrade), and each must count it once.
  private final AttributeKey<Boolean> decided =
      AttributeKey.newInstance("connection-limiter-" + instances.incrementAndGet());

  /**
   * @param what names the connections in the refusal log ("RTMP", "HTTP", "tracker")
   * @param maxTotal open connections in total
   * @param maxPerAddress open connections from one remote address
   */
  public ConnectionLimiter(String what, int maxTotal, int maxPerAddress) {
    this(new ConnectionCounts(maxTotal, maxPerAddress), RefusalLog.warnings(what));
  }

  ConnectionLimiter(ConnectionCounts counts, RefusalLog refusals) {
    this.counts = counts;
    this.refusals = refusals;
  }

  /** Connections currently admitted. */
  public int active() {
    return counts.active();
  }

  /** Connections refused since start. */
  public long refused() {
    return refusals.total();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      admitOnce(ctx); // an upgraded connection gets no channelActive any more
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (admitOnce(ctx)) {
      ctx.fireChannelActive();
    } // else no channelActive downstream: nothing else starts for this socket
  }

  private boolean admitOnce(ChannelHandlerContext ctx) {
    Attribute<Boolean> decision = ctx.channel().attr(decided);
    Boolean earlier = decision.get();
    if (earlier == null) {
      earlier = admitOrClose(ctx);
      decision.set(earlier);
    }
    return earlier;
  }

  private boolean admitOrClose(ChannelHandlerContext ctx) {
    Channel channel = ctx.channel();
    InetAddress address = addressOf(channel.remoteAddress());
    Admission admission = counts.tryAcquire(address);
    if (admission != Admission.ADMITTED) {
      refusals.refused(address, admission, counts);
      ctx.close();
      return false;
    }
    channel.closeFuture().addListener(f -> counts.release(address));
    return true;
  }

  private static InetAddress addressOf(SocketAddress remote) {
    // Local transports (and test channels) have no IP: they count as one local client.
    return remote instanceof InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress() : InetAddress.getLoopbackAddress();
  }
}
