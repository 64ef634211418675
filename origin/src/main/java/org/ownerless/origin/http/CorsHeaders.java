package org.ownerless.origin.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Adds CORS headers to every response, errors included: viewers on any site fetch from any origin
 * (trust comes from signatures, not from the serving domain), and a player must be able to read a
 * 404 or 416 to react to it. Placed right after the codec so even decoder-failure answers get them.
 */
@Sharable
final class CorsHeaders extends ChannelOutboundHandlerAdapter {
  static final String EXPOSED = "Content-Length, Content-Range, ETag";

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse res) {
      HttpHeaders h = res.headers();
      if (!h.contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)) {
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
      }
      if (!h.contains(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS)) {
        h.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
      }
    }
    ctx.write(msg, promise);
  }
}
