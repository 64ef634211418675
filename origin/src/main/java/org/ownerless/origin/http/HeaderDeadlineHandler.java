package org.ownerless.origin.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slowloris defence: a client gets {@code headerTimeout} to deliver a complete request head,
 * counted from the connection opening and, on a kept-alive connection, from the first byte of the next
 * request. Trickling bytes does not extend the deadline; an idle keep-alive connection (no bytes yet)
 * is left to the idle timeout.
 *
 * <p>Placed before the HTTP decoder to see raw bytes; {@link RequestProgress} reports from behind the
 * decoder when the head is complete.
 */
final class HeaderDeadlineHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HeaderDeadlineHandler.class);
  /** The check runs this many times per timeout, so a deadline is enforced at most 25 % late. */
  private static final int CHECKS_PER_TIMEOUT = 4;

  private final long timeoutNanos;
  private ScheduledFuture<?> checker;
  /** When the head now arriving started (System.nanoTime), or 0 while no head is in progress. */
  private long headStartedNanos;
  private boolean inRequest; // head received, body (if any) still arriving

  HeaderDeadlineHandler(Duration headerTimeout) {
    this.timeoutNanos = headerTimeout.toNanos();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    headStartedNanos = System.nanoTime();
    // One periodic check per connection instead of a timer armed and cancelled per request: on a
    // busy keep-alive connection that costs a field write per request rather than two heap
    // operations on the event loop's timer queue.
    long period = Math.max(1, timeoutNanos / CHECKS_PER_TIMEOUT);
    checker = ctx.executor().scheduleAtFixedRate(() -> check(ctx), period, period, TimeUnit.NANOSECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!inRequest && headStartedNanos == 0 && msg instanceof ByteBuf buf && buf.isReadable()) {
      headStartedNanos = System.nanoTime(); // first byte of the next request on a kept-alive connection
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == RequestProgress.Event.HEADERS_RECEIVED) {
      headStartedNanos = 0;
      inRequest = true;
    } else if (evt == RequestProgress.Event.REQUEST_READ) {
      inRequest = false;
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  private void check(ChannelHandlerContext ctx) {
    if (headStartedNanos != 0 && System.nanoTime() - headStartedNanos >= timeoutNanos) {
      log.debug("{}: request head not complete in time, closing", ctx.channel().remoteAddress());
      stop();
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    stop();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop();
  }

  private void stop() {
    if (checker != null) {
      checker.cancel(false);
      checker = null;
    }
  }
}
