package org.ownerless.origin.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stops reading requests while the connection is over its write-buffer high watermark, so a client
 * that pipelines requests but does not read the answers cannot make the server queue unbounded
 * output; reading resumes below the low watermark. (A client that never drains is then closed by
 * {@link ConnectionWatch}.)
 */
final class BackpressureHandler extends ChannelInboundHandlerAdapter {

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    ctx.channel().config().setAutoRead(true); // whatever replaces HTTP decides for itself
  }
}
