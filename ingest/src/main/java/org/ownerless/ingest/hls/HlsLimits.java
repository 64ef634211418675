package org.ownerless.ingest.hls;

/**
 * Bounds on what another packager's files may cost the node. The packager is trusted to produce media,
 * not to be well-behaved: a runaway playlist or segment must not exhaust memory or disk.
 */
public final class HlsLimits {
  /** A live playlist lists a window of segments; 1 MiB is thousands of lines, far beyond any sane window. */
  public static final int MAX_PLAYLIST_BYTES = 1 << 20;
  public static final int MAX_LISTED_SEGMENTS = 5_000;
  public static final int MAX_RENDITIONS = 16;
  /** A 10-second 4K segment at 50 Mbit/s is ~60 MB; larger is not a live segment. */
  public static final long MAX_SEGMENT_BYTES = 128L << 20;
  public static final long MAX_INIT_BYTES = 1L << 20;
  /** EXTINF and EXT-X-TARGETDURATION above this are not live HLS. */
  public static final double MAX_SEGMENT_SECONDS = 60;

  private HlsLimits() {}
}
