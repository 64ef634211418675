package org.ownerless.protocol.layout;

import org.ownerless.protocol.model.SegmentEntry;

/** One segment line of a media playlist; {@code index} is its media sequence number. */
public record PlaylistEntry(long index, String uri, long durationUs, boolean discontinuity) {
  /** The playlist line of a signed entry: same index, URI, duration and discontinuity. */
  public static PlaylistEntry of(SegmentEntry e) {
    return new PlaylistEntry(e.index(), e.uri(), e.durationUs(), e.discontinuity());
  }
}
