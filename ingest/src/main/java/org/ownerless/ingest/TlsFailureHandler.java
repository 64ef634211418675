package org.ownerless.ingest;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Right behind the RTMPS listener's SslHandler: turns TLS failures into one short log line and a
 * closed connection. Without it a plain rtmp:// client on the rtmps:// port logs its whole first
 * packet in hex, and a handshake that times out logs nothing at all.
 */
@Sharable
final class TlsFailureHandler extends ChannelInboundHandlerAdapter {
  static final TlsFailureHandler INSTANCE = new TlsFailureHandler();
  private static final Logger log = LoggerFactory.getLogger(TlsFailureHandler.class);

  private TlsFailureHandler() {}

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (!(reason instanceof SSLException)) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    log.info("{}: closing, {}", peer(ctx), describe(reason));
    ctx.close();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    // A timeout is reported only as this event; other handshake failures also reach exceptionCaught.
    if (evt instanceof SslHandshakeCompletionEvent
        && ((SslHandshakeCompletionEvent) evt).cause() instanceof SslHandshakeTimeoutException) {
      log.info("{}: closing, TLS handshake not finished in time", peer(ctx));
    }
    super.userEventTriggered(ctx, evt);
  }

  private static String describe(Throwable reason) {
    if (reason instanceof NotSslRecordException) {
      return "not TLS (a plain rtmp:// client on the rtmps:// port?)";
    }
    String message = String.valueOf(reason.getMessage());
    return "TLS failed: " + (message.length() > 120 ? message.substring(0, 120) + "…" : message);
  }

  private static String peer(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress
        ? "rtmps " + ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress()
        : "rtmps " + ctx.channel().remoteAddress();
  }
}
