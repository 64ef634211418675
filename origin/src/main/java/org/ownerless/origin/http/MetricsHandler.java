package org.ownerless.origin.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Counts responses by status class as they are written, and body bytes once the write succeeded
 * (a client that disconnects mid-file was not served those bytes). Sits in front of the codec, where
 * bodies are still HttpContent, file regions or plain buffers.
 */
@Sharable
final class MetricsHandler extends ChannelOutboundHandlerAdapter {
  private final HttpMetrics metrics;

  MetricsHandler(HttpMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse res) {
      metrics.response(res.status().code());
    }
    long bytes = bodyBytes(msg); // measured now: the encoder consumes the buffer
    if (bytes > 0) {
      promise = promise.unvoid();
      promise.addListener(f -> {
        if (f.isSuccess()) {
          metrics.bytesServed(bytes);
        }
      });
    }
    ctx.write(msg, promise);
  }

  private static long bodyBytes(Object msg) {
    if (msg instanceof HttpContent content) {
      return content.content().readableBytes();
    }
    if (msg instanceof FileRegion region) {
      return region.count();
    }
    if (msg instanceof ByteBuf buf) {
      return buf.readableBytes();
    }
    return 0;
  }
}
