package org.ownerless.manifest;

import org.ownerless.protocol.model.SegmentEntry;

/** Told after each segment is signed and listed; the node turns this into metrics. */
public interface PublishListener {
  /** @param nanos from the segment being complete to its signed manifest and playlist being in place */
  void onPublished(String stream, String rendition, SegmentEntry entry, long nanos);

  PublishListener NONE = (s, r, e, n) -> {};
}
