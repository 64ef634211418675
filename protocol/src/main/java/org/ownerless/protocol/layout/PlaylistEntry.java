package org.ownerless.protocol.layout;

import org.ownerless.protocol.model.SegmentEntry;

/**
 * One segment line of a media playlist; {@code index} is its media sequence number, {@code initUri}
 * the EXT-X-MAP it needs (fMP4) or {@code null} (MPEG-TS).
 */
public record PlaylistEntry(long index, String uri, long durationUs, boolean discontinuity, String initUri) {
  /** A self-contained (MPEG-TS) segment's line. */
  public PlaylistEntry(long index, String uri, long durationUs, boolean discontinuity) {
    this(index, uri, durationUs, discontinuity, null);
  }

  /** The playlist line of a signed entry: same index, URI, duration, discontinuity and init section. */
  public static PlaylistEntry of(SegmentEntry e) {
    return new PlaylistEntry(e.index(), e.uri(), e.durationUs(), e.discontinuity(),
        e.init() == null ? null : e.init().uri());
  }
}
