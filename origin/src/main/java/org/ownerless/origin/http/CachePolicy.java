package org.ownerless.origin.http;

import java.util.Locale;

/**
 * Cache-Control for files under a static root. Segments (and content-named init sections) are written once under a name that is never
 * reused, so caches (browsers, CDNs) may keep them forever; playlists, announces and manifests change
 * in place, so every use must revalidate (cheap: the ETag makes it a 304).
 */
public final class CachePolicy {
  public static final String IMMUTABLE = "public, max-age=31536000, immutable";
  public static final String REVALIDATE = "no-cache";

  private CachePolicy() {}

  public static String forFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    // An init section's name is its hash (init-<16 hex>.mp4): as immutable as a segment's.
    boolean init = lower.startsWith("init-") && lower.endsWith(".mp4");
    return lower.endsWith(".ts") || lower.endsWith(".m4s") || init ? IMMUTABLE : REVALIDATE;
  }
}
