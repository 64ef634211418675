package org.ownerless.origin.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Serves a Prometheus scrape in the classic text format, the one every Prometheus version reads. */
public final class PrometheusRoute implements HttpRoute {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  public PrometheusRoute(PrometheusMeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
    if (!HttpResponses.isRead(req)) {
      HttpResponses.methodNotAllowed(ctx, req, HttpResponses.ALLOW_READ);
      return;
    }
    // Ask for 0.0.4 explicitly rather than relying on the registry's default format.
    byte[] body = registry.scrape(CONTENT_TYPE).getBytes(StandardCharsets.UTF_8);
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
        Unpooled.wrappedBuffer(body));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
    res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    HttpResponses.send(ctx, req, res);
  }
}
