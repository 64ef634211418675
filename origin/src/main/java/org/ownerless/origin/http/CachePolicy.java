package org.ownerless.origin.http;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cache-Control for files under a static root. Segments (and content-named init sections and viewer
 * code chunks) are written once under a name that is never reused, so caches (browsers, CDNs) may keep
 * them forever; playlists, announces and manifests change in place, so every use must revalidate
 * (cheap: the ETag makes it a 304).
 */
public final class CachePolicy {
  public static final String IMMUTABLE = "public, max-age=31536000, immutable";
  public static final String REVALIDATE = "no-cache";
  /**
   * The viewer's code chunks: esbuild names each after a hash of its content, so changed code gets a
   * new name, and the page's entry ({@code viewer.js}, revalidated) names the chunks it needs. A
   * returning viewer then loads the player without a round trip per chunk. Not their source maps: a
   * map can change (its sources' comments) under an unchanged chunk.
   */
  private static final Pattern VIEWER_CHUNK = Pattern.compile("chunk-[A-Z0-9]{8}\\.js");

  private CachePolicy() {}

  public static String forFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    // An init section's name is its hash (init-<16 hex>.mp4): as immutable as a segment's.
    boolean init = lower.startsWith("init-") && lower.endsWith(".mp4");
    boolean neverReused = lower.endsWith(".ts") || lower.endsWith(".m4s") || init
        || VIEWER_CHUNK.matcher(name).matches();
    return neverReused ? IMMUTABLE : REVALIDATE;
  }
}
