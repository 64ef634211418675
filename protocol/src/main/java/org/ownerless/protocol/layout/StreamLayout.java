package org.ownerless.protocol.layout;

/**
 * The names of a stream's published files below {@code streams/PUB/NAME/} (docs/protocol.md §5).
 * Every writer (node, relay, bucket) and every reader (verify, the relay's follower) names files
 * through this class, so the layout is written down once.
 */
public final class StreamLayout {
  /** The latest signed STREAM_ANNOUNCE. */
  public static final String ANNOUNCE = "announce.json";
  /** The master playlist, written from the announce's renditions. */
  public static final String MASTER_PLAYLIST = "master.m3u8";
  /** A rendition's media playlist, below its directory. */
  public static final String MEDIA_PLAYLIST = "index.m3u8";
  /** A rendition's latest signed MANIFEST_ROOT, below its directory. */
  public static final String MANIFEST = "manifest.json";
  /** Below a rendition's directory: the MANIFEST_ROOT of every retained tree size. */
  public static final String ROOTS_DIR = "roots";

  private StreamLayout() {}

  /** {@code REND/index.m3u8}. */
  public static String mediaPlaylist(String rendition) {
    return rendition + "/" + MEDIA_PLAYLIST;
  }

  /** {@code REND/manifest.json}. */
  public static String manifest(String rendition) {
    return rendition + "/" + MANIFEST;
  }

  /**
   * {@code roots/E-N.json}, relative to the rendition's directory: the root of epoch {@code epoch} at
   * {@code treeSize}. The epoch is in the name so a new epoch never overwrites the roots of the one
   * before, which a reader crossing the boundary may still need.
   */
  public static String root(long epoch, long treeSize) {
    return ROOTS_DIR + "/" + epoch + "-" + treeSize + ".json";
  }

  /** {@code REND/roots/E-N.json}. */
  public static String root(String rendition, long epoch, long treeSize) {
    return rendition + "/" + root(epoch, treeSize);
  }

  /**
   * The file name of segment {@code index} of epoch {@code epoch}: {@code seg-E-NNNNNN.ts}. The
   * epoch is part of the name so that a new log never reuses a name an earlier one published.
   */
  public static String segment(long epoch, long index) {
    return "seg-" + epoch + "-" + Digits.zeroPadded(index, 6) + ".ts";
  }

  /** {@code REND/URI}: a file of a rendition, by the name its signed entry gives. */
  public static String inRendition(String rendition, String uri) {
    return rendition + "/" + uri;
  }
}
