package org.ownerless.app.node;

import java.util.Map;

/**
 * The security headers of the viewer page, for both ways a server sends it: rendered at
 * {@code /watch/PUB/NAME} and as the static {@code /viewer/watch.html}.
 *
 * <p>The page carries tip buttons that open wallets, so no other site may frame it (clickjacking):
 * {@code frame-ancestors 'self'}, and the equivalent {@code X-Frame-Options: SAMEORIGIN} for browsers
 * without CSP level 2. A site that wants the player copies the viewer files and serves them itself;
 * the page verifies the stream wherever it is served from.
 */
public final class ViewerPageHeaders {
  /** The page loads only its own bundle and talks to origins and trackers the signed announce names. */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "worker-src 'self' blob:; connect-src * data: blob:; media-src 'self' blob:; img-src * data: blob:; "
      // AppKit (loaded only for WalletConnect tips) styles its modal with inline styles and fonts.
      + "style-src 'self' 'unsafe-inline'; font-src * data:; frame-src *; "
      + "object-src 'none'; base-uri 'self'; frame-ancestors 'self'";

  public static final Map<String, String> ALL = Map.of(
      "Content-Security-Policy", CONTENT_SECURITY_POLICY,
      "X-Frame-Options", "SAMEORIGIN",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer");

  private ViewerPageHeaders() {}
}
