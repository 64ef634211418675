package org.ownerless.ingest.cmaf;

/** Bounds on what one rendition's stream may make the cutter hold. */
public record CmafLimits(int maxBoxBytes, int maxInitBytes, int maxPartsPerSegment, long maxSegmentBytes) {
  /** Generous for any ladder a node runs (a 1080p 8 Mbit/s rung makes ~1 MB segments of 1 s). */
  public static CmafLimits defaults() {
    return new CmafLimits(32 << 20, 1 << 20, 256, 64L << 20);
  }
}
