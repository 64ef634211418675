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

  private final long timeoutNanos;
  private ScheduledFuture<?> deadline;
  private boolean inRequest; // head received, body (if any) still arriving

  HeaderDeadlineHandler(Duration headerTimeout) {
    this.timeoutNanos = headerTimeout.toNanos();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    arm(ctx);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!inRequest && deadline == null && msg instanceof ByteBuf buf && buf.isReadable()) {
      arm(ctx); // first byte of the next request on a kept-alive connection
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == RequestProgress.Event.HEADERS_RECEIVED) {
      disarm();
      inRequest = true;
    } else if (evt == RequestProgress.Event.REQUEST_READ) {
      inRequest = false;
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    disarm();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    disarm();
  }

  private void arm(ChannelHandlerContext ctx) {
    disarm();
    deadline = ctx.executor().schedule(() -> {
      log.debug("{}: request head not complete in time, closing", ctx.channel().remoteAddress());
      ctx.close();
    }, timeoutNanos, TimeUnit.NANOSECONDS);
  }

  private void disarm() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
