package org.ownerless.origin.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps open connections in total and per remote address; a connection over either cap is closed
 * before any other handler (TLS included) spends work on it. Shared by all connections of a server.
 *
 * <p>Behind a reverse proxy every client has the proxy's address, so the per-address cap must then be
 * raised to the proxy's connection count.
 */
@Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);

  private final int maxTotal;
  private final int maxPerAddress;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

  ConnectionLimiter(int maxTotal, int maxPerAddress) {
    this.maxTotal = maxTotal;
    this.maxPerAddress = maxPerAddress;
  }

  /** Connections currently admitted. */
  int active() {
    return total.get();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    InetAddress address = addressOf(ctx.channel().remoteAddress());
    if (!tryAcquire(address)) {
      log.debug("{}: connection refused, over the connection limit", ctx.channel().remoteAddress());
      ctx.close(); // no channelActive downstream: nothing else starts for this socket
      return;
    }
    ctx.channel().closeFuture().addListener(f -> release(address));
    ctx.fireChannelActive();
  }

  private boolean tryAcquire(InetAddress address) {
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      return false;
    }
    boolean[] admitted = {false};
    perAddress.compute(address, (k, n) -> {
      int current = n == null ? 0 : n;
      if (current >= maxPerAddress) {
        return n;
      }
      admitted[0] = true;
      return current + 1;
    });
    if (!admitted[0]) {
      total.decrementAndGet();
    }
    return admitted[0];
  }

  private void release(InetAddress address) {
    perAddress.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
    total.decrementAndGet();
  }

  private static InetAddress addressOf(SocketAddress remote) {
    return remote instanceof InetSocketAddress inet ? inet.getAddress() : InetAddress.getLoopbackAddress();
  }
}
