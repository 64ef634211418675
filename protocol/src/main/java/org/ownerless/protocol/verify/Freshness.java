package org.ownerless.protocol.verify;

import org.ownerless.protocol.model.LogHead;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamStatus;

/**
 * When a genuine root is too old to be the state of a live stream (docs/protocol.md §4.4.1): the
 * node signs a root with every segment, so a live rendition's newest root older than
 * max({@link #MIN_STALE_AFTER_MS}, {@link #STALE_AFTER_SEGMENTS} × its longest segment) comes from
 * a frozen server or a stale mirror. The viewer's trust/freshness.js applies the same rule.
 */
public final class Freshness {
  /** The floor of the bound: ordinary clock skew between the creator's machine and a reader's. */
  public static final long MIN_STALE_AFTER_MS = 30_000;
  /** Segments a live root may lag by before it is stale. */
  public static final int STALE_AFTER_SEGMENTS = 10;

  private Freshness() {}

  /** How old {@code root} may be while its stream is live. */
  public static long staleAfterMs(ManifestRoot root) {
    long longestUs = 0;
    for (SegmentEntry e : root.window()) {
      longestUs = Math.max(longestUs, e.durationUs());
    }
    return Math.max(MIN_STALE_AFTER_MS, STALE_AFTER_SEGMENTS * longestUs / 1000);
  }

  /**
   * True when {@code root} is behind what {@code announce} signs of its rendition's log, or when
   * {@code announce} says live and {@code root} was signed longer than its bound before {@code nowMs}.
   */
  public static boolean isStale(ManifestRoot root, StreamAnnounce announce, long nowMs) {
    if (announce.log(root.rendition()).map(head -> head.isAhead(root)).orElse(false)) {
      return true;
    }
    return announce.status() == StreamStatus.LIVE && nowMs - root.timeMs() > staleAfterMs(root);
  }

  /** Why {@code root} is stale, for a person. */
  public static String describe(ManifestRoot root, StreamAnnounce announce, long nowMs) {
    LogHead head = announce.log(root.rendition()).orElse(null);
    if (head != null && head.isAhead(root)) {
      return "newest root is epoch " + root.epoch() + " size " + root.treeSize() + ", but the announce (seq "
          + announce.seq() + ") signs that the creator had published epoch " + head.epoch() + " size "
          + head.treeSize();
    }
    return "newest root (size " + root.treeSize() + ") was signed " + (nowMs - root.timeMs()) / 1000
        + " s ago; a live stream's is at most " + staleAfterMs(root) / 1000 + " s old";
  }
}
