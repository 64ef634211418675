package org.ownerless.origin.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Lets any website read what is published under {@link #PUBLIC_PREFIX}, errors included: viewers on
 * any site fetch from any origin (trust comes from signatures, not from the serving domain), and a
 * player must be able to read a 404 or 416 to react to it. Nothing else is offered cross-origin:
 * a node's {@code /metrics} or pages on a LAN must not be readable by whatever site its owner visits.
 *
 * <p>One per connection. HTTP/1.1 answers requests in order, so the decision taken for each request
 * as it arrives is applied to the next final response that leaves. Placed right after the codec so
 * even decoder-failure answers get it (the codec still hands over the request it could not finish).
 */
final class CorsHeaders extends ChannelDuplexHandler {
  static final String PUBLIC_PREFIX = "/streams/";
  static final String EXPOSED = "Content-Length, Content-Range, ETag";

  private final Queue<Boolean> pending = new ArrayDeque<>();

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest req) {
      pending.add(RequestPath.decode(req.uri()).map(p -> p.startsWith(PUBLIC_PREFIX)).orElse(false));
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    // 100 Continue and 101 Switching Protocols precede the final answer to the same request.
    if (msg instanceof HttpResponse res && res.status().codeClass() != HttpStatusClass.INFORMATIONAL
        && Boolean.TRUE.equals(pending.poll())) {
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
