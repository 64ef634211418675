package org.ownerless.origin.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.stream.ChunkedWriteHandler;
import org.ownerless.net.ConnectionLimiter;

/**
 * Builds each connection's pipeline, head (socket) to tail (router):
 *
 * <pre>
 * connection-limiter  admit or close, before anything costs work
 * connection-watch    close if output stops moving (client not reading) or nothing moves (parked)
 * backpressure        stop reading requests while output is over the high watermark
 * tls                 optional
 * header-deadline     slowloris: request head due within headerTimeout (raw bytes side)
 * http-codec          HTTP/1.1 framing with line and header size limits
 * cors-headers        Access-Control-* on answers under /streams/, even decoder errors
 * metrics             responses by status class, bytes served
 * request-progress    tells header-deadline when a head is complete
 * decoder-failure     400 / 414 / 431 and close
 * keep-alive          Connection handling per request
 * body-refusal        413 for GET/HEAD/OPTIONS with a body
 * aggregator          FullHttpRequest, bounded
 * chunked-writer      TLS only: streams files as the socket drains (plain HTTP uses sendfile)
 * cors-preflight      OPTIONS → 204
 * router              path validation, routes, upgrades
 * </pre>
 *
 * <p>Typed for any {@link Channel}, not only sockets, so the whole pipeline can be driven from an
 * {@code EmbeddedChannel} (the origin's end-to-end fuzz harness does).
 */
final class OriginChannelInitializer extends ChannelInitializer<Channel> {
  private final OriginLimits limits;
  private final SslContext ssl; // null: plain HTTP
  private final ConnectionLimiter limiter;
  private final MetricsHandler metrics;
  private final Routes routes;
  private final CorsPreflightHandler preflight = new CorsPreflightHandler();

  OriginChannelInitializer(OriginLimits limits, SslContext ssl, ConnectionLimiter limiter,
      MetricsHandler metrics, Routes routes) {
    this.limits = limits;
    this.ssl = ssl;
    this.limiter = limiter;
    this.metrics = metrics;
    this.routes = routes;
  }

  @Override
  protected void initChannel(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast(PipelineNames.LIMITER, limiter);
    p.addLast(PipelineNames.WATCH, new ConnectionWatch(limits.idleTimeout(), limits.writeStallTimeout()));
    p.addLast(PipelineNames.BACKPRESSURE, new BackpressureHandler());
    if (ssl != null) {
      p.addLast(PipelineNames.TLS, ssl.newHandler(ch.alloc()));
    }
    p.addLast(PipelineNames.HEADER_DEADLINE, new HeaderDeadlineHandler(limits.headerTimeout()));
    p.addLast(PipelineNames.CODEC, new HttpServerCodec(new HttpDecoderConfig()
        .setMaxInitialLineLength(limits.maxInitialLineLength())
        .setMaxHeaderSize(limits.maxHeaderSize())
        .setMaxChunkSize(8192)));
    p.addLast(PipelineNames.CORS_HEADERS, new CorsHeaders());
    p.addLast(PipelineNames.METRICS, metrics);
    p.addLast(PipelineNames.REQUEST_PROGRESS, new RequestProgress());
    p.addLast(PipelineNames.DECODER_FAILURE, new DecoderFailureHandler());
    p.addLast(PipelineNames.KEEP_ALIVE, new HttpServerKeepAliveHandler());
    p.addLast(PipelineNames.BODY_REFUSAL, new BodyRefusalHandler());
    p.addLast(PipelineNames.AGGREGATOR, new HttpObjectAggregator(limits.maxRequestBody()));
    if (ssl != null) {
      // Every write passes through it, so it is only where something needs it.
      p.addLast(PipelineNames.CHUNKED_WRITER, new ChunkedWriteHandler());
    }
    p.addLast(PipelineNames.PREFLIGHT, preflight);
    p.addLast(PipelineNames.ROUTER, new RequestRouter(routes));
  }
}
