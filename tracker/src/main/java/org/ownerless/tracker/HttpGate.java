package org.ownerless.tracker;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

/** The standalone server's only HTTP job: let a WebSocket upgrade on /announce through, refuse the rest. */
final class HttpGate extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final TrackerInstaller installer;

  HttpGate(TrackerInstaller installer) {
    super(false);
    this.installer = installer;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    String path = new QueryStringDecoder(req.uri()).path();
    HttpResponseStatus status = null;
    if (!path.equals(TrackerInstaller.PATH)) {
      status = HttpResponseStatus.NOT_FOUND;
    } else if (!req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
      status = HttpResponseStatus.UPGRADE_REQUIRED;
    }
    if (status != null) {
      req.release();
      var res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
      res.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
      if (status == HttpResponseStatus.UPGRADE_REQUIRED) {
        res.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
      }
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    installer.accept(ctx.pipeline());
    ctx.pipeline().remove(this);
    ctx.fireChannelRead(req);
  }
}
