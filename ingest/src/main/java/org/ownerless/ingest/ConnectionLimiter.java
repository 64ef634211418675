package org.ownerless.ingest;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Caps connections in total and per source address; excess connections are closed at once. */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);

  private final int maxTotal;
  private final int maxPerAddress;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

  ConnectionLimiter(int maxTotal, int maxPerAddress) {
    this.maxTotal = maxTotal;
    this.maxPerAddress = maxPerAddress;
  }

  int active() {
    return total.get();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    InetAddress address = address(ctx);
    int all = total.incrementAndGet();
    int mine = perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
    ctx.channel().closeFuture().addListener(f -> release(address));
    if (all > maxTotal || mine > maxPerAddress) {
      log.warn("refusing RTMP connection from {}: {} connections from it, {} in total (limits {}, {})",
          address.getHostAddress(), mine, all, maxPerAddress, maxTotal);
      ctx.close();
      return;
    }
    super.channelActive(ctx);
  }

  private void release(InetAddress address) {
    total.decrementAndGet();
    perAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() == 0 ? null : n);
  }

  private static InetAddress address(ChannelHandlerContext ctx) {
    return ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
  }
}
