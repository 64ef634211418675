package org.ownerless.ingest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose peer stopped reading. The write-buffer high-water mark makes the
 * channel unwritable once {@code limit} bytes wait; a publisher that still does not read by then
 * would otherwise make us buffer every reply forever.
 */
final class OutboundLimitHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(OutboundLimitHandler.class);

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (!ctx.channel().isWritable()) {
      log.info("closing {}: it stopped reading ({} bytes pending)", ctx.channel().remoteAddress(),
          ctx.channel().unsafe().outboundBuffer() == null ? 0 : ctx.channel().unsafe().outboundBuffer().totalPendingWriteBytes());
      ctx.close();
      return;
    }
    super.channelWritabilityChanged(ctx);
  }
}
