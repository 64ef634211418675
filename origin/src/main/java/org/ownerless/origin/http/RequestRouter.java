package org.ownerless.origin.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.ownerless.net.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates the request path and hands the request to its route: an upgrade installer for a
 * WebSocket handshake on a claimed path, else an exact route, else the longest prefix route, else 404.
 * The last handler of the HTTP pipeline, so it also turns stray exceptions into one log line.
 */
final class RequestRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(RequestRouter.class);

  private final Routes routes;

  RequestRouter(Routes routes) {
    this.routes = routes;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    Optional<String> decoded = RequestPath.decode(req.uri());
    if (decoded.isEmpty()) {
      log.debug("{}: refused request target {}", ctx.channel().remoteAddress(), LogText.quote(req.uri()));
      HttpResponses.textAndClose(ctx, req, HttpResponseStatus.BAD_REQUEST, "bad request path\n");
      return;
    }
    String path = decoded.get();
    HeldReload parked = ctx.channel().attr(HeldReload.ON_CHANNEL).get();
    if (parked != null) {
      // A request pipelined behind a held one: answers go out in request order, so the held one goes first.
      parked.releaseNow();
    }
    Consumer<ChannelPipeline> installer = routes.upgrade(path);
    if (installer != null && isWebSocketHandshake(req)) {
      upgrade(ctx, req, installer);
      return;
    }
    HttpRoute route = routes.find(path);
    if (route == null) {
      if (installer != null) {
        HttpResponses.text(ctx, req, HttpResponseStatus.UPGRADE_REQUIRED, "websocket only\n");
      } else {
        HttpResponses.text(ctx, req, HttpResponseStatus.NOT_FOUND, "not found\n");
      }
      return;
    }
    try {
      route.handle(ctx, req, path);
    } catch (Exception e) {
      // One line, no stack trace, nothing of it to the client. If the route had already started a
      // response the 500 cannot be framed; closing is then the only honest end.
      log.warn("{}: route for {} failed: {}", ctx.channel().remoteAddress(), LogText.quote(path),
          LogText.detail(e.toString()));
      HttpResponses.textAndClose(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error\n");
    }
  }

  private static boolean isWebSocketHandshake(FullHttpRequest req) {
    return HttpMethod.GET.equals(req.method())
        && req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
  }

  /**
   * Removes the HTTP/1.1-only handlers (deadlines, keep-alive, preflight, this router), ends the idle clock, lets the
   * installer append its own (e.g. a WebSocketServerProtocolHandler, which completes the handshake
   * and swaps the codec), and passes it the handshake request. The installer owns idle policy for
   * its protocol; the connection limit and write-stall guard stay in place.
   */
  private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, Consumer<ChannelPipeline> installer) {
    ChannelPipeline p = ctx.pipeline();
    for (String name : PipelineNames.HTTP_ONLY) {
      if (p.get(name) != null) {
        p.remove(name);
      }
    }
    ConnectionWatch watch = p.get(ConnectionWatch.class);
    if (watch != null) {
      watch.endIdleWatch();
    }
    installer.accept(p);
    ctx.fireChannelRead(req.retain()); // balanced by SimpleChannelInboundHandler's release
    p.remove(this);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException
        || (cause instanceof DecoderException && cause.getCause() instanceof SSLException)) {
      log.debug("{}: {}", ctx.channel().remoteAddress(), LogText.detail(cause.toString())); // routine
    } else {
      log.warn("{}: {}", ctx.channel().remoteAddress(), LogText.detail(cause.toString()));
    }
    ctx.close();
  }
}
