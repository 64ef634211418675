package org.ownerless.app.studio;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ownerless.origin.http.HttpResponses;
import org.ownerless.origin.http.HttpRoute;

/**
 * {@code /studio} and below: the creator's page, its script and stylesheet, and the state it polls,
 * all behind {@link StudioAccess}. Never cached, never framed, never readable cross-origin (no CORS
 * header is ever added outside /streams/), never referred: the page shows the node's private state.
 */
public final class StudioRoute implements HttpRoute {
  public static final String PAGE = "/studio";
  public static final String PREFIX = "/studio/";
  static final String STATE = "/studio/state.json";
  private static final long COOKIE_MAX_AGE_SECONDS = 7L * 24 * 3600;
  private static final Map<String, String> HEADERS = Map.of(
      "Cache-Control", "no-store",
      "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
          + "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      "X-Frame-Options", "DENY",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer");
  private static final String HOW = "The studio is the creator's page. Open it on the node's own machine at "
      + "http://127.0.0.1:PORT/studio, or from anywhere at /studio?token=TOKEN once (TOKEN: the node's publish "
      + "token, in DATA/publish-token); the browser then keeps a cookie and the address loses the token.\n";

  private final StudioAccess access;
  private final StudioState state;
  private final boolean secureCookie;
  private final Map<String, StudioAsset> assets;

  /** @param secureCookie true when the node serves HTTPS (the cookie then never travels in clear) */
  public StudioRoute(StudioAccess access, StudioState state, boolean secureCookie) {
    this.access = access;
    this.state = state;
    this.secureCookie = secureCookie;
    this.assets = Map.of(
        PAGE, StudioAsset.load("studio.html", "text/html; charset=utf-8"),
        PREFIX + "studio.js", StudioAsset.load("studio.js", "text/javascript; charset=utf-8"),
        PREFIX + "studio.css", StudioAsset.load("studio.css", "text/css; charset=utf-8"));
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
    if (!HttpResponses.isRead(req)) {
      HttpResponses.methodNotAllowed(ctx, req, HttpResponses.ALLOW_READ);
      return;
    }
    String queryToken = null;
    if (path.equals(PAGE)) {
      List<String> t = new QueryStringDecoder(req.uri()).parameters().get("token");
      queryToken = t == null || t.isEmpty() ? null : t.get(0);
    }
    switch (access.decide(remote(ctx), req.headers(), queryToken)) {
      case ALLOWED -> serve(ctx, req, path);
      case SET_COOKIE -> redirectWithCookie(ctx, req);
      case UNAUTHENTICATED -> {
        FullHttpResponse res = text(HttpResponseStatus.UNAUTHORIZED, HOW);
        res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"ownerless studio\"");
        HttpResponses.send(ctx, req, res);
      }
      case WRONG_TOKEN -> HttpResponses.send(ctx, req, text(HttpResponseStatus.FORBIDDEN,
          "That is not this node's publish token (or the token changed since the cookie was set).\n" + HOW));
    }
  }

  private void serve(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
    if (path.equals(STATE)) {
      HttpResponses.send(ctx, req, response(HttpResponseStatus.OK, "application/json", state.json()));
      return;
    }
    StudioAsset asset = assets.get(path.equals(PREFIX) ? PAGE : path);
    if (asset == null) {
      HttpResponses.send(ctx, req, text(HttpResponseStatus.NOT_FOUND, "not found\n"));
      return;
    }
    HttpResponses.send(ctx, req, response(HttpResponseStatus.OK, asset.contentType(), asset.bytes()));
  }

  /** The token leaves the address bar (and history) at once; the cookie carries only its hash. */
  private void redirectWithCookie(ChannelHandlerContext ctx, FullHttpRequest req) {
    DefaultCookie c = new DefaultCookie(StudioAccess.COOKIE, access.cookieValue());
    c.setHttpOnly(true);
    c.setSameSite(CookieHeaderNames.SameSite.Strict);
    c.setPath(PAGE);
    c.setSecure(secureCookie);
    c.setMaxAge(COOKIE_MAX_AGE_SECONDS);
    FullHttpResponse res = response(HttpResponseStatus.SEE_OTHER, null, new byte[0]);
    res.headers().set(HttpHeaderNames.LOCATION, PAGE);
    res.headers().set(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(c));
    HttpResponses.send(ctx, req, res);
  }

  private static FullHttpResponse text(HttpResponseStatus status, String text) {
    return response(status, HttpResponses.TEXT_PLAIN, text.getBytes(StandardCharsets.UTF_8));
  }

  private static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body) {
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    if (contentType != null) {
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    HEADERS.forEach(res.headers()::set);
    return res;
  }

  private static InetAddress remote(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
  }
}
