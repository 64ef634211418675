package org.ownerless.tracker;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;

/**
 * One WebSocket connection of the tracker: admission, text messages to the registry, and closing
 * what a tracker must not keep (binary frames, idle sockets, slow readers, foreign origins).
 */
final class TrackerHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private final SwarmRegistry registry;
  private PeerConnection connection;
  private String ip;
  private boolean admitted;

  TrackerHandler(SwarmRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    // Added either at accept time (standalone) or after the origin's upgrade: count it now either way.
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    ip = remote == null ? "?" : remote.getAddress().getHostAddress();
    connection = new PeerConnection(ctx.channel());
    admitted = registry.admit(ip);
    if (!admitted) {
      ctx.channel().close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    release();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    release();
  }

  private void release() {
    if (admitted) {
      admitted = false;
      registry.closed(connection, ip);
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (!(frame instanceof TextWebSocketFrame)) {
      // The protocol is JSON text only; anything else is a broken or hostile client.
      ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE))
          .addListener(f -> ctx.close());
      return;
    }
    String text = ((TextWebSocketFrame) frame).text();
    try {
      registry.handle(connection, TrackerRequest.parse(text, registry.config().maxOffers()));
    } catch (TrackerException e) {
      ctx.writeAndFlush(new TextWebSocketFrame(e.reply()));
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      String origin = ((WebSocketServerProtocolHandler.HandshakeComplete) evt).requestHeaders()
          .get(HttpHeaderNames.ORIGIN);
      var allowed = registry.config().allowedOrigins();
      if (!allowed.isEmpty() && (origin == null || !allowed.contains(origin))) {
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, "origin not allowed"))
            .addListener(f -> ctx.close());
      }
    } else if (evt instanceof IdleStateEvent) {
      ctx.close();
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    // Over the high watermark: this reader is not keeping up; drop it rather than buffer without bound.
    if (!ctx.channel().isWritable()) {
      ctx.close();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
