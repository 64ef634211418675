package org.ownerless.origin.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Writes complete responses the same way everywhere: Content-Length always set (so keep-alive works),
 * no body on HEAD, {@code Connection: keep-alive} echoed to HTTP/1.0 clients that asked for it.
 * Routes of other modules use it too.
 */
public final class HttpResponses {
  public static final String TEXT_PLAIN = "text/plain; charset=utf-8";
  public static final String ALLOW_READ = "GET, HEAD, OPTIONS";

  private HttpResponses() {}

  /** A complete response; {@code req} may be null when no valid request was decoded. */
  public static ChannelFuture send(ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status,
      CharSequence contentType, ByteBuf body) {
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    if (contentType != null) {
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    return send(ctx, req, res);
  }

  /** Sends {@code res}, fixing Content-Length, HEAD and keep-alive as described above. */
  public static ChannelFuture send(ChannelHandlerContext ctx, HttpRequest req, FullHttpResponse res) {
    int code = res.status().code();
    boolean bodyAllowed = code >= 200 && code != 204 && code != 304;
    if (bodyAllowed && !res.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      HttpUtil.setContentLength(res, res.content().readableBytes());
    }
    if (req != null && HttpMethod.HEAD.equals(req.method()) && res.content().isReadable()) {
      FullHttpResponse headOnly = res.replace(Unpooled.EMPTY_BUFFER); // headers copied, length kept
      res.release();
      res = headOnly;
    }
    echoKeepAlive(req, res);
    return ctx.writeAndFlush(res);
  }

  /** A short plain-text answer, e.g. for errors. Never cached: the condition may clear soon. */
  public static ChannelFuture text(ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status,
      String text) {
    FullHttpResponse res = textResponse(status, text);
    return send(ctx, req, res);
  }

  /** A short plain-text answer after which the connection is closed (the request stream is unusable). */
  public static ChannelFuture textAndClose(ChannelHandlerContext ctx, HttpRequest req,
      HttpResponseStatus status, String text) {
    FullHttpResponse res = textResponse(status, text);
    res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return send(ctx, req, res).addListener(ChannelFutureListener.CLOSE);
  }

  /** 405 with the Allow header RFC 9110 requires. */
  public static ChannelFuture methodNotAllowed(ChannelHandlerContext ctx, HttpRequest req, String allow) {
    FullHttpResponse res = textResponse(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed\n");
    res.headers().set(HttpHeaderNames.ALLOW, allow);
    return send(ctx, req, res);
  }

  /** True for GET and HEAD, the only methods read-only routes serve. */
  public static boolean isRead(HttpRequest req) {
    return HttpMethod.GET.equals(req.method()) || HttpMethod.HEAD.equals(req.method());
  }

  /**
   * HTTP/1.1 keeps connections open by default; an HTTP/1.0 client that asked for keep-alive must be
   * told it was granted, or it will wait for a close that never comes.
   */
  static void echoKeepAlive(HttpRequest req, HttpMessage res) {
    if (req != null && !req.protocolVersion().isKeepAliveDefault() && HttpUtil.isKeepAlive(req)
        && !res.headers().contains(HttpHeaderNames.CONNECTION)) {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
  }

  private static FullHttpResponse textResponse(HttpResponseStatus status, String text) {
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, TEXT_PLAIN);
    res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    return res;
  }
}
