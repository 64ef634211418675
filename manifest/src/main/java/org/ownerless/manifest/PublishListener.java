package org.ownerless.manifest;

import org.ownerless.protocol.model.SegmentEntry;

/** Told after each segment is signed and listed; the node turns this into metrics. */
public interface PublishListener {
  /**
   * @param nanos wall time from the segment being complete to its signed manifest and playlist being in place
   * @param cpuNanos CPU time the publishing thread spent on it (the rest is waiting: disk, or other processes)
   */
  void onPublished(String stream, String rendition, SegmentEntry entry, long nanos, long cpuNanos);

  PublishListener NONE = (s, r, e, n, c) -> {};
}
