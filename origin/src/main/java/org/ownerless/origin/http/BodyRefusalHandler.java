package org.ownerless.origin.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import org.ownerless.net.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a body on GET, HEAD and OPTIONS with 413 before any of it is buffered, then closes (the
 * unread body would otherwise be parsed as the next request — request smuggling's favourite gap).
 * Other methods may carry small bodies, bounded by the aggregator behind this handler.
 */
final class BodyRefusalHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(BodyRefusalHandler.class);

  private boolean refused;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest req && bodyless(req.method()) && declaresBody(req)) {
      refused = true;
      ReferenceCountUtil.release(msg);
      log.debug("{}: {} with a body refused", ctx.channel().remoteAddress(), LogText.quote(req.method().name()));
      HttpResponses.textAndClose(ctx, null, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          "request body not accepted\n");
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private static boolean bodyless(HttpMethod m) {
    return HttpMethod.GET.equals(m) || HttpMethod.HEAD.equals(m) || HttpMethod.OPTIONS.equals(m);
  }

  private static boolean declaresBody(HttpRequest req) {
    return HttpUtil.getContentLength(req, 0L) > 0 || HttpUtil.isTransferEncodingChunked(req);
  }
}
