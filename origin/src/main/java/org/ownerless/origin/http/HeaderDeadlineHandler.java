package org.ownerless.origin.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
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
final class HeaderDeadlineHandler extends PeriodicConnectionCheck {
  private static final Logger log = LoggerFactory.getLogger(HeaderDeadlineHandler.class);

  private final long timeoutNanos;
  /** When the head now arriving started (System.nanoTime), or 0 while no head is in progress. */
  private long headStartedNanos;
  private boolean inRequest; // head received, body (if any) still arriving

  HeaderDeadlineHandler(Duration headerTimeout) {
    this.timeoutNanos = headerTimeout.toNanos();
  }

  @Override
  long periodNanos() {
    return periodFor(timeoutNanos);
  }

  @Override
  void started(long now) {
    headStartedNanos = now; // the first head is due from the connection's start
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

  @Override
  void check(ChannelHandlerContext ctx) {
    if (headStartedNanos != 0 && System.nanoTime() - headStartedNanos >= timeoutNanos) {
      log.debug("{}: request head not complete in time, closing", ctx.channel().remoteAddress());
      closeConnection(ctx);
    }
  }
}
