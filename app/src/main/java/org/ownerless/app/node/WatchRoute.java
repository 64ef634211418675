package org.ownerless.app.node;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.ownerless.origin.http.HttpResponses;
import org.ownerless.origin.http.HttpRoute;
import org.ownerless.viewer.ViewerAssets;

/**
 * {@code /watch/PUB/NAME}: the viewer page, on nodes and relays. The page reads the stream from its
 * own URL and verifies everything itself; a node answers any well-formed PUB/NAME (a stream it does
 * not carry simply fails to verify), a relay only the one stream it mirrors.
 */
public final class WatchRoute implements HttpRoute {
  public static final String PREFIX = "/watch/";
  public static final String ASSETS = "/viewer/";
  private static final Pattern PATH = Pattern.compile("/watch/[A-Za-z0-9_-]{43}/[A-Za-z0-9][A-Za-z0-9_-]{0,63}/?");
  private final byte[] page;
  private final String onlyStream;

  /** @param reownProjectId offered to the page for WalletConnect tips; null for injected wallets only */
  public WatchRoute(String reownProjectId) {
    this(reownProjectId, null);
  }

  /** @param onlyStream "PUB/NAME" of the one stream this server carries, or null for any */
  public WatchRoute(String reownProjectId, String onlyStream) {
    this.page = ViewerAssets.watchPage(ASSETS, reownProjectId).getBytes(StandardCharsets.UTF_8);
    this.onlyStream = onlyStream;
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
    if (!HttpResponses.isRead(req)) {
      HttpResponses.methodNotAllowed(ctx, req, HttpResponses.ALLOW_READ);
      return;
    }
    if (!PATH.matcher(path).matches()
        || onlyStream != null && !path.replaceFirst("/$", "").equals(PREFIX + onlyStream)) {
      HttpResponses.text(ctx, req, HttpResponseStatus.NOT_FOUND,
          "not found: the viewer is at /watch/PUB/NAME (PUB: the creator's 43-character key)\n");
      return;
    }
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
        Unpooled.wrappedBuffer(page));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    ViewerPageHeaders.ALL.forEach(res.headers()::set);
    HttpResponses.send(ctx, req, res);
  }
}
