package org.ownerless.origin.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.ownerless.net.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what the HTTP decoder could not parse — 414 for an over-long request line, 431 for
 * over-large headers, 400 for anything else malformed — and closes: after a framing error the rest
 * of the byte stream cannot be trusted to start a new request.
 */
final class DecoderFailureHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(DecoderFailureHandler.class);

  private boolean failed;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (failed) {
      ReferenceCountUtil.release(msg); // closing; drop whatever the decoder still emits
      return;
    }
    DecoderResult result = msg instanceof HttpObject o ? o.decoderResult() : DecoderResult.SUCCESS;
    if (!result.isFailure()) {
      ctx.fireChannelRead(msg);
      return;
    }
    failed = true;
    ReferenceCountUtil.release(msg);
    HttpResponseStatus status = statusFor(result.cause());
    log.debug("{}: malformed request, answering {}: {}", ctx.channel().remoteAddress(), status.code(),
        LogText.detail(result.cause().toString()));
    HttpResponses.textAndClose(ctx, null, status, status.reasonPhrase().toLowerCase() + "\n");
  }

  static HttpResponseStatus statusFor(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return HttpResponseStatus.REQUEST_URI_TOO_LONG;
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
    }
    return HttpResponseStatus.BAD_REQUEST;
  }
}
