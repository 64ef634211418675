package org.ownerless.protocol.layout;

import java.util.List;
import org.ownerless.protocol.model.ManifestRoot;

/**
 * How much of a rendition's log a live stream lists, written once for the node, its relays and its
 * buckets (docs/protocol.md §5). A live MANIFEST_ROOT signs the newest {@code playlistWindow +
 * MARGIN} entries; its playlist lists all of them but the {@link #MARGIN} oldest, so a client that
 * read a playlist up to {@link #MARGIN} segments before the newest manifest still finds each of its
 * entries signed there. An ended stream lists the whole log (up to {@link ManifestRoot#MAX_WINDOW}).
 */
public final class LiveWindow {
  /** Segment duration when none is configured: the floor of every viewer's delay and the grain of P2P. */
  public static final double DEFAULT_SEGMENT_SECONDS = 1.0;
  /** Segments a live playlist lists unless configured otherwise. */
  public static final int DEFAULT_PLAYLIST_WINDOW = 10;
  public static final int MIN_PLAYLIST_WINDOW = 3;
  public static final int MAX_PLAYLIST_WINDOW = 1000;
  /** Entries a live manifest signs beyond what its playlist lists. */
  public static final int MARGIN = 5;
  /** A relay that cannot tell the playlist window yet still lists this many entries (when it has them). */
  public static final int MIN_LISTED = 3;

  private LiveWindow() {}

  /** Entries a live manifest's window holds for a playlist of {@code playlistWindow} segments. */
  public static int manifestWindow(int playlistWindow) {
    if (playlistWindow < MIN_PLAYLIST_WINDOW || playlistWindow > MAX_PLAYLIST_WINDOW) {
      throw new IllegalArgumentException("playlist window must be " + MIN_PLAYLIST_WINDOW + ".." + MAX_PLAYLIST_WINDOW
          + " segments");
    }
    return playlistWindow + MARGIN;
  }

  /**
   * The entries of a signed window that its playlist lists: the newest {@code playlistWindow} of
   * them, or all of them once the stream ended.
   */
  public static <T> List<T> listed(List<T> window, boolean ended, int playlistWindow) {
    if (ended) {
      return window;
    }
    int count = Math.min(window.size(), playlistWindow);
    return window.subList(window.size() - count, window.size());
  }

  /**
   * The playlist window of a stream as a reader that holds only a signed window can tell it (a
   * relay): the window less the margin. Exact once the window is full; on a log still shorter than
   * the window it errs towards listing fewer entries, never one the next manifest may drop.
   */
  public static int playlistWindowOf(List<?> window) {
    return Math.max(MIN_LISTED, window.size() - MARGIN);
  }
}
