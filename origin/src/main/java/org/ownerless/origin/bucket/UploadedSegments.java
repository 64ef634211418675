package org.ownerless.origin.bucket;

import java.util.BitSet;

/**
 * Which segments of one rendition's current epoch are in the bucket: one bit per log index, so even
 * a day-long archive costs a few kilobytes. Segments that existed before this run saw the log (a
 * restarted node) may already be in the bucket: for those the bucket is asked before sending bytes.
 */
final class UploadedSegments {
  private long epoch = -1;
  private long sizeWhenFirstSeen;
  private final BitSet uploaded = new BitSet();

  /** Starts over when the log's epoch changes (segment names differ per epoch). */
  void observe(long logEpoch, long treeSize) {
    if (logEpoch != epoch) {
      epoch = logEpoch;
      sizeWhenFirstSeen = treeSize;
      uploaded.clear();
    }
  }

  boolean contains(long index) {
    return uploaded.get(bit(index));
  }

  /** True for segments published before this run started watching: a previous run may have sent them. */
  boolean mayPredateThisRun(long index) {
    return index < sizeWhenFirstSeen;
  }

  void add(long index) {
    uploaded.set(bit(index));
  }

  private static int bit(long index) {
    if (index < 0 || index > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("segment index out of range: " + index);
    }
    return (int) index;
  }
}
