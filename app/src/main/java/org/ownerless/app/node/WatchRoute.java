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
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.ownerless.origin.http.HttpResponses;
import org.ownerless.origin.http.HttpRoute;
import org.ownerless.viewer.ViewerAssets;

/**
 * {@code /watch/PUB/NAME}: the viewer page, on nodes and relays. The page reads the stream from its
 * own URL and verifies everything itself; a node answers any well-formed PUB/NAME (a stream it does
 * not carry simply fails to verify), a relay only the one stream it mirrors. With the directory the
 * server serves at {@code /streams/}, the page carries the stream's first signed files
 * ({@link FirstBytes}).
 */
public final class WatchRoute implements HttpRoute {
  public static final String PREFIX = "/watch/";
  public static final String ASSETS = "/viewer/";
  private static final Pattern PATH = Pattern.compile("/watch/[A-Za-z0-9_-]{43}/[A-Za-z0-9][A-Za-z0-9_-]{0,63}/?");
  private final byte[] pageHead;
  private final byte[] pageRest;
  // The same, with the player's code preloaded, for a page that carries its first files: it sends no
  // request before the player runs, so the player's code may load (and compile) with the page instead of
  // after main.js asked for it.
  private final byte[] pageRestPreloading;
  private final String onlyStream;
  private final FirstBytes firstBytes;

  /**
   * @param reownProjectId offered to the page for WalletConnect tips; null for injected wallets only
   * @param onlyStream "PUB/NAME" of the one stream this server carries, or null for any
   * @param streamsRoot the directory served at {@code /streams/}, or null to give pages no files
   */
  public WatchRoute(String reownProjectId, String onlyStream, Path streamsRoot) {
    String page = ViewerAssets.watchPage(ASSETS, reownProjectId);
    int at = page.indexOf(ViewerAssets.FIRST_BYTES_MARKER);
    if (at < 0) {
      throw new IllegalStateException("the packaged watch page has no " + ViewerAssets.FIRST_BYTES_MARKER);
    }
    this.pageHead = page.substring(0, at).getBytes(StandardCharsets.UTF_8);
    String rest = page.substring(at + ViewerAssets.FIRST_BYTES_MARKER.length());
    this.pageRest = rest.getBytes(StandardCharsets.UTF_8);
    this.pageRestPreloading = ViewerAssets.withPlayerPreload(rest).getBytes(StandardCharsets.UTF_8);
    this.onlyStream = onlyStream;
    this.firstBytes = streamsRoot == null ? null : new FirstBytes(streamsRoot);
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
    String[] stream = path.substring(PREFIX.length()).split("/");
    byte[] files = firstBytes == null ? new byte[0]
        : firstBytes.elementFor(stream[0], stream[1]).getBytes(StandardCharsets.UTF_8);
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
        Unpooled.wrappedBuffer(pageHead, files, files.length == 0 ? pageRest : pageRestPreloading));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    ViewerPageHeaders.ALL.forEach(res.headers()::set);
    HttpResponses.send(ctx, req, res);
  }
}
