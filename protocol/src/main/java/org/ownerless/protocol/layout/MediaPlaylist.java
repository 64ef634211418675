package org.ownerless.protocol.layout;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A rendition's HLS media playlist (RFC 8216) and what it must remember between renderings besides
 * the entries it lists: the discontinuities before the first listed entry, counted in
 * EXT-X-DISCONTINUITY-SEQUENCE, and a target duration that never shrinks. The node, relays and the
 * plain-HLS test sink all render through it, so their playlists agree byte for byte for the same
 * entries and history. Not thread-safe.
 */
public final class MediaPlaylist {
  private long[] discontinuities = new long[16];
  private int discontinuityCount;
  private int targetSeconds;

  /** @param nominalSegmentSeconds the configured segment length (1 if unknown); the target starts there */
  public MediaPlaylist(double nominalSegmentSeconds) {
    this.targetSeconds = Math.max(1, (int) Math.ceil(nominalSegmentSeconds));
  }

  /**
   * Notes an entry of the log. Call in index order; entries seen before (a relay sees each one in
   * several windows) are ignored.
   */
  public void observe(PlaylistEntry e) {
    // EXTINF rounded to the nearest second must not exceed the target duration (RFC 8216 §4.3.3.1).
    targetSeconds = Math.max(targetSeconds, (int) Math.round(e.durationUs() / 1e6));
    if (!e.discontinuity() || discontinuityCount > 0 && e.index() <= discontinuities[discontinuityCount - 1]) {
      return;
    }
    if (discontinuityCount == discontinuities.length) {
      discontinuities = Arrays.copyOf(discontinuities, discontinuityCount * 2);
    }
    discontinuities[discontinuityCount++] = e.index();
  }

  /** A new log (epoch) starts: it numbers its own segments, so it counts its own discontinuities. */
  public void startNewLog() {
    discontinuityCount = 0;
  }

  /** The playlist of exactly {@code listed} (consecutive indices, each observed before). */
  public String render(List<PlaylistEntry> listed, boolean ended) {
    long first = listed.isEmpty() ? 0 : listed.get(0).index();
    return render(listed, discontinuitiesBefore(first), targetSeconds, ended);
  }

  /** Discontinuities observed with an index below {@code index}. */
  long discontinuitiesBefore(long index) {
    int at = Arrays.binarySearch(discontinuities, 0, discontinuityCount, index);
    return at >= 0 ? at : -at - 1;
  }

  /**
   * Renders a media playlist of exactly {@code entries} (consecutive indices).
   *
   * @param discontinuitySequence discontinuities that precede the first entry in the stream
   */
  public static String render(Collection<PlaylistEntry> entries, long discontinuitySequence,
      int targetDurationSeconds, boolean ended) {
    StringBuilder sb = new StringBuilder(64 + entries.size() * 48);
    // EXT-X-MAP in a playlist without I-frames-only needs version 6+; 7 is what fMP4 players expect.
    boolean fmp4 = entries.stream().anyMatch(e -> e.initUri() != null);
    sb.append("#EXTM3U\n#EXT-X-VERSION:").append(fmp4 ? 7 : 3).append('\n');
    sb.append("#EXT-X-TARGETDURATION:").append(targetDurationSeconds).append('\n');
    sb.append("#EXT-X-MEDIA-SEQUENCE:").append(entries.isEmpty() ? 0 : entries.iterator().next().index()).append('\n');
    if (discontinuitySequence > 0) {
      sb.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuitySequence).append('\n');
    }
    String map = null;
    for (PlaylistEntry e : entries) {
      if (e.discontinuity()) {
        sb.append("#EXT-X-DISCONTINUITY\n");
      }
      // An EXT-X-MAP holds for every segment after it until the next: repeat it only on a change.
      if (e.initUri() != null && !e.initUri().equals(map)) {
        sb.append("#EXT-X-MAP:URI=\"").append(e.initUri()).append("\"\n");
      }
      map = e.initUri();
      sb.append("#EXTINF:").append(formatDuration(e.durationUs())).append(",\n").append(e.uri()).append('\n');
    }
    if (ended) {
      sb.append("#EXT-X-ENDLIST\n");
    }
    return sb.toString();
  }

  /** Six decimals: exactly the microseconds signed in the manifest, so playlist and manifest agree. */
  public static String formatDuration(long durationUs) {
    return (durationUs / 1_000_000) + "." + Digits.zeroPadded(durationUs % 1_000_000, 6);
  }
}
