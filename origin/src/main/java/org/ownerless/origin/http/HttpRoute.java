package org.ownerless.origin.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * Answers requests for one exact path ({@code /metrics}) or one path prefix ({@code /watch/}).
 *
 * <p>Runs on the connection's event loop: it must not block. The request is released after
 * {@code handle} returns, so a route that answers later must {@code retain()} it. The path is already
 * percent-decoded and checked by {@link RequestPath} (no {@code ..}, no {@code //}, no control
 * characters), so a route can use it to look things up without re-validating. {@link HttpResponses}
 * writes answers that respect HEAD and keep-alive.
 */
@FunctionalInterface
public interface HttpRoute {
  void handle(ChannelHandlerContext ctx, FullHttpRequest req, String path) throws Exception;

  /**
   * Called once when the route is registered: a route that serves manifests through a
   * {@link StaticFileRoute} of its own passes this on, so that its manifests take blocking reloads
   * (docs/protocol.md §5) under the server's bound like those of the server's static roots.
   */
  default void holdReloadsIn(BlockingReloads reloads) {}
}
