package org.ownerless.ingest.hls;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A live HLS media playlist (RFC 8216) over a sliding window of segments. Media sequence numbers
 * are the segments' indices; discontinuities that slide out of the window are counted in
 * EXT-X-DISCONTINUITY-SEQUENCE as the RFC requires. Not thread-safe.
 */
public final class MediaPlaylist {
  private final int windowSize;
  private final ArrayDeque<PlaylistEntry> window = new ArrayDeque<>();
  private long discontinuitySequence;
  private int targetDurationSeconds;
  private boolean ended;

  public MediaPlaylist(int windowSize, double nominalSegmentSeconds) {
    if (windowSize < 1) {
      throw new IllegalArgumentException("playlist window must hold at least one segment");
    }
    this.windowSize = windowSize;
    this.targetDurationSeconds = (int) Math.ceil(nominalSegmentSeconds);
  }

  public void add(PlaylistEntry entry) {
    PlaylistEntry last = window.peekLast();
    if (last != null && entry.index() != last.index() + 1) {
      throw new IllegalArgumentException("segment " + entry.index() + " does not follow " + last.index());
    }
    window.addLast(entry);
    // EXTINF rounded to the nearest second must not exceed the target duration (RFC 8216 §4.3.3.1).
    targetDurationSeconds = Math.max(targetDurationSeconds, (int) Math.round(entry.durationUs() / 1e6));
    while (window.size() > windowSize) {
      if (window.removeFirst().discontinuity()) {
        discontinuitySequence++;
      }
    }
  }

  /** Marks the stream finished: players stop polling and may play the window as a whole. */
  public void end() {
    ended = true;
  }

  public List<PlaylistEntry> entries() {
    return new ArrayList<>(window);
  }

  public boolean isEmpty() {
    return window.isEmpty();
  }

  public String render() {
    return render(window, discontinuitySequence, targetDurationSeconds, ended);
  }

  /**
   * Renders a media playlist of exactly {@code entries} (consecutive indices).
   *
   * @param discontinuitySequence discontinuities that precede the first entry in the stream
   */
  public static String render(java.util.Collection<PlaylistEntry> entries, long discontinuitySequence,
      int targetDurationSeconds, boolean ended) {
    StringBuilder sb = new StringBuilder(64 + entries.size() * 48);
    sb.append("#EXTM3U\n#EXT-X-VERSION:3\n");
    sb.append("#EXT-X-TARGETDURATION:").append(targetDurationSeconds).append('\n');
    sb.append("#EXT-X-MEDIA-SEQUENCE:").append(entries.isEmpty() ? 0 : entries.iterator().next().index()).append('\n');
    if (discontinuitySequence > 0) {
      sb.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuitySequence).append('\n');
    }
    for (PlaylistEntry e : entries) {
      if (e.discontinuity()) {
        sb.append("#EXT-X-DISCONTINUITY\n");
      }
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
