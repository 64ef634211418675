package org.ownerless.tracker;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;

/**
 * One WebSocket connection of the tracker: text messages to the registry, and closing
 * what a tracker must not keep (binary frames, idle sockets, slow readers, foreign origins).
 */
final class TrackerHandler extends ChannelInboundHandlerAdapter {
  private static final InternalLogger log = InternalLoggerFactory.getInstance(TrackerHandler.class);
  private final SwarmRegistry registry;
  private PeerConnection connection;
  private LoopContext loop;
  private boolean admitted;
  /** Sent a text message that is not UTF-8: closing with 1007. */
  private boolean notUtf8;

  TrackerHandler(SwarmRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    connection = new PeerConnection(ctx.channel());
    // The registry's limiter, installed just ahead of us, has already closed a connection over the caps.
    admitted = ctx.channel().isActive();
    if (!admitted) {
      return;
    }
    loop = registry.loopContext();
    connection.lastActiveNanos = System.nanoTime();
    loop.idle.watch(connection, ctx.channel().eventLoop());
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
      loop.idle.unwatch(connection);
      registry.closed(connection);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof WebSocketFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      if (frame instanceof TextWebSocketFrame) {
        onText(ctx, frame.content());
      } else {
        // The protocol is JSON text only; anything else is a broken or hostile client.
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE))
            .addListener(f -> ctx.close());
      }
    } finally {
      frame.release();
    }
  }

  private void onText(ChannelHandlerContext ctx, ByteBuf content) {
    if (!admitted || connection.abusive || notUtf8) {
      return; // a flooder's remaining messages are not even parsed while its close is under way
    }
    int length = content.readableBytes();
    byte[] bytes;
    int offset;
    if (content.hasArray()) {
      bytes = content.array();
      offset = content.arrayOffset() + content.readerIndex();
    } else {
      // One copy out of the (direct) frame buffer; the parser then works on plain array reads.
      bytes = length <= loop.scratch.length ? loop.scratch : new byte[length];
      content.getBytes(content.readerIndex(), bytes, 0, length);
      offset = 0;
    }
    if (!Utf8Check.isValid(bytes, offset, offset + length)) {
      // RFC 6455: a text message that is not UTF-8 fails the connection (1007), as Netty's
      // validator did before this check moved here.
      ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_PAYLOAD_DATA))
          .addListener(f -> ctx.close());
      notUtf8 = true; // nothing more from this socket is parsed while it closes
      return;
    }
    try {
      loop.parser.parse(bytes, offset, offset + length, loop.request);
      registry.handle(connection, loop.request, loop.outbox);
    } catch (TrackerException e) {
      ctx.writeAndFlush(new TextWebSocketFrame(e.reply()), ctx.voidPromise());
      return;
    }
    loop.outbox.deliver(System.nanoTime());
    if (connection.abusive) {
      // One line per connection: the flood itself is not logged message by message.
      log.warn("tracker: closing {} after {} offers over its rate were dropped", ctx.channel().remoteAddress(),
          connection.droppedOffers());
      ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, "offer rate exceeded"))
          .addListener(f -> ctx.close());
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (connection != null) {
      connection.lastActiveNanos = System.nanoTime(); // any bytes read (pings too) count as activity
    }
    ctx.fireChannelReadComplete();
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
