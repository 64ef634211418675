package org.ownerless.origin.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose pending output has made no progress for the stall timeout: a client that
 * requests a file and stops reading would otherwise hold the socket, the open file and (with TLS)
 * buffers indefinitely.
 *
 * <p>Channel writability alone cannot detect this: a zero-copy file region counts zero bytes toward
 * the write-buffer watermark. So this watches what {@link IdleStateHandler} observes with
 * observeOutput — writes completing and the flush progress of the current message — and acts only
 * while writes are outstanding (an idle keep-alive connection is the idle handler's business).
 */
final class WriteStallHandler extends IdleStateHandler {
  private static final Logger log = LoggerFactory.getLogger(WriteStallHandler.class);

  private int outstandingWrites;

  WriteStallHandler(Duration stallTimeout) {
    super(true, 0, stallTimeout.toNanos(), 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    outstandingWrites++;
    ChannelPromise tracked = promise.unvoid();
    tracked.addListener(f -> outstandingWrites--); // listeners run on this channel's event loop
    super.write(ctx, msg, tracked);
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
    if (outstandingWrites > 0 || !ctx.channel().isWritable()) {
      log.debug("{}: client stopped reading, closing", ctx.channel().remoteAddress());
      ctx.close();
    }
  }
}
