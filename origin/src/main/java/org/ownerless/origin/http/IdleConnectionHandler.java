package org.ownerless.origin.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection on which nothing moved in either direction for the idle timeout, so parked
 * keep-alive connections do not pin sockets forever. Output progress of a long download counts as
 * activity (observeOutput), so a slow but moving transfer is not cut.
 */
final class IdleConnectionHandler extends IdleStateHandler {
  private static final Logger log = LoggerFactory.getLogger(IdleConnectionHandler.class);

  IdleConnectionHandler(Duration idleTimeout) {
    super(true, 0, 0, idleTimeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
    log.debug("{}: idle, closing", ctx.channel().remoteAddress());
    ctx.close();
  }
}
