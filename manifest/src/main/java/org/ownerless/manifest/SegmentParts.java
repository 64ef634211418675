package org.ownerless.manifest;

import java.util.ArrayList;
import java.util.List;
import org.ownerless.protocol.model.ManifestParts;
import org.ownerless.protocol.model.PartEntry;

/**
 * The parts a rendition's roots list for the segment being written (the log position {@code
 * treeSize}), and the rule that keeps every list a signer publishes for one position an extension of
 * the one before: a part is listed only if it is the next one of the same unbroken run of parts.
 * Once that breaks at a position (a part missing or out of order, a new ffmpeg run restarting the
 * segment, the protocol's count or duration bounds, a first part that is not independent) nothing
 * more is listed there: listing the new run's parts would sign a second history of that segment,
 * which any reader that saw both calls EQUIVOCATION. The same holds for the position the log was
 * at when the node started: a previous process may have signed parts there.
 */
final class SegmentParts {
  private final List<PartEntry> listed = new ArrayList<>();
  private long position;
  private boolean broken;
  private long durationUs;

  /** @param openedAt the log size when the rendition was opened: no part is listed there */
  SegmentParts(long openedAt) {
    this.position = openedAt;
    this.broken = true;
  }

  /**
   * Whether part {@code index} of the segment at {@code at} may be listed next; if not, nothing more
   * is listed at {@code at}. A new position starts a new list.
   */
  boolean admits(long at, int index, long partDurationUs, boolean independent) {
    if (at != position) {
      position = at;
      listed.clear();
      durationUs = 0;
      broken = false;
    }
    boolean next = !broken && index == listed.size() && listed.size() < ManifestParts.MAX_PARTS && partDurationUs >= 1
        && durationUs + partDurationUs <= ManifestParts.MAX_TOTAL_DURATION_US && (index > 0 || independent);
    broken = !next;
    return next;
  }

  /** Lists a part {@link #admits} allowed; returns every part listed at this position. */
  List<PartEntry> add(PartEntry part) {
    listed.add(part);
    durationUs += part.durationUs();
    return List.copyOf(listed);
  }
}
