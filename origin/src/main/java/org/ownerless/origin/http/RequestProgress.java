package org.ownerless.origin.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Sits right after the HTTP decoder and tells {@link HeaderDeadlineHandler} (which sits before it and
 * sees only raw bytes) when a request's headers are complete and when the whole request has been read.
 * The events are fired from the pipeline head so they reach handlers in front of the decoder.
 */
final class RequestProgress extends ChannelInboundHandlerAdapter {

  enum Event {
    HEADERS_RECEIVED,
    REQUEST_READ
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    boolean headers = msg instanceof HttpRequest;
    boolean last = msg instanceof LastHttpContent;
    if (headers) {
      ctx.pipeline().fireUserEventTriggered(Event.HEADERS_RECEIVED);
    }
    if (last || (headers && ((HttpRequest) msg).decoderResult().isFailure())) {
      ctx.pipeline().fireUserEventTriggered(Event.REQUEST_READ);
    }
    ctx.fireChannelRead(msg);
  }
}
