package org.ownerless.app.studio;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import org.ownerless.protocol.crypto.Base64Url;
import org.ownerless.protocol.crypto.Digest;

/**
 * Who may open the studio: whoever holds the publish token (it already lets them publish as the
 * creator, so it reveals nothing more), and a browser on the node's own machine.
 *
 * <p>The token arrives as {@code Authorization: Bearer T}, as a cookie set after {@code ?token=T} was
 * accepted once, or in that query itself. The cookie holds a hash of the token, not the token, so a
 * stolen cookie is no stream key. All comparisons are of SHA-256 digests with
 * {@link MessageDigest#isEqual}: constant time, and the token's length does not show either.
 *
 * <p>Loopback access needs three things: the TCP peer is a loopback address; no proxy header
 * ({@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP}) says the request came from elsewhere
 * (a reverse proxy on the same host would otherwise make every visitor "local"); and the Host header
 * names loopback, so a web page that rebinds its own DNS name to 127.0.0.1 cannot read the studio
 * from the creator's own browser.
 */
public final class StudioAccess {
  public static final String COOKIE = "ownerless-studio";
  private static final String COOKIE_CONTEXT = "ownerless studio cookie\0";

  /** The outcome of one request. */
  public enum Verdict {
    /** Serve: a loopback browser, a valid bearer token or cookie. */
    ALLOWED,
    /** A valid {@code ?token=}: set the cookie and redirect to the address without it. */
    SET_COOKIE,
    /** No credential (or a proxied loopback request): 401, say how to open it. */
    UNAUTHENTICATED,
    /** A credential that is not the token: 403. */
    WRONG_TOKEN
  }

  private final byte[] tokenDigest;
  private final String cookieValue;

  public StudioAccess(String publishToken) {
    if (publishToken == null || publishToken.isEmpty()) {
      throw new IllegalArgumentException("the studio needs the node's publish token");
    }
    this.tokenDigest = digest(publishToken);
    this.cookieValue = Base64Url.encode(digest(COOKIE_CONTEXT + publishToken));
  }

  /** The cookie's value: a hash of the token that opens the studio but does not publish. */
  public String cookieValue() {
    return cookieValue;
  }

  /**
   * @param remote the TCP peer's address
   * @param headers the request's headers
   * @param queryToken the {@code token} query parameter, or null (honoured only where the page is)
   */
  public Verdict decide(InetAddress remote, HttpHeaders headers, String queryToken) {
    if (queryToken != null) {
      return matches(queryToken) ? Verdict.SET_COOKIE : Verdict.WRONG_TOKEN;
    }
    String auth = headers.get(HttpHeaderNames.AUTHORIZATION);
    if (auth != null) {
      String bearer = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
      return bearer != null && matches(bearer) ? Verdict.ALLOWED : Verdict.WRONG_TOKEN;
    }
    String cookie = studioCookie(headers);
    if (cookie != null) {
      return MessageDigest.isEqual(digest(cookie), digest(cookieValue)) ? Verdict.ALLOWED : Verdict.WRONG_TOKEN;
    }
    return isLocal(remote, headers) ? Verdict.ALLOWED : Verdict.UNAUTHENTICATED;
  }

  /** True when the request comes straight from a browser on this machine (see the class comment). */
  static boolean isLocal(InetAddress remote, HttpHeaders headers) {
    if (remote == null || !remote.isLoopbackAddress()) {
      return false;
    }
    for (String name : headers.names()) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.equals("forwarded") || n.startsWith("x-forwarded-") || n.equals("x-real-ip")) {
        return false;
      }
    }
    return isLoopbackHost(headers.get(HttpHeaderNames.HOST));
  }

  /** localhost, 127.x.x.x or [::1], with or without a port. */
  static boolean isLoopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT).strip();
    if (h.startsWith("[::1]")) {
      return h.equals("[::1]") || h.matches("\\[::1]:\\d{1,5}");
    }
    String name = h.replaceFirst(":\\d{1,5}$", "");
    return name.equals("localhost") || name.matches("127(\\.\\d{1,3}){3}");
  }

  private boolean matches(String candidate) {
    return MessageDigest.isEqual(digest(candidate), tokenDigest);
  }

  private static String studioCookie(HttpHeaders headers) {
    String header = headers.get(HttpHeaderNames.COOKIE);
    if (header == null) {
      return null;
    }
    for (Cookie c : ServerCookieDecoder.STRICT.decode(header)) {
      if (c.name().equals(COOKIE)) {
        return c.value();
      }
    }
    return null;
  }

  private static byte[] digest(String s) {
    return Digest.sha256(s.getBytes(StandardCharsets.UTF_8)).toByteArray();
  }
}
