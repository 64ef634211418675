package org.ownerless.origin.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Answers every OPTIONS request with 204: the preflight a browser sends before a cross-origin GET
 * carrying {@code Range} (hls.js and the P2P loader do that). Everything served is read-only, so
 * the answer does not depend on the path.
 */
@Sharable
final class CorsPreflightHandler extends ChannelInboundHandlerAdapter {

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest req) || !HttpMethod.OPTIONS.equals(req.method())) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT,
          Unpooled.EMPTY_BUFFER);
      HttpHeaders h = res.headers();
      h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, HttpResponses.ALLOW_READ);
      h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Range");
      h.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400"); // browsers cap it lower; saves round trips
      h.set(HttpHeaderNames.ALLOW, HttpResponses.ALLOW_READ);
      HttpResponses.send(ctx, req, res);
    } finally {
      req.release();
    }
  }
}
