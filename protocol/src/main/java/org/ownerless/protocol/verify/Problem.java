package org.ownerless.protocol.verify;

/** Why something failed verification; the CLI and the viewer name these to the user. */
public enum Problem {
  /** Not a well-formed protocol object (bad JSON, unknown field, value out of range). */
  MALFORMED,
  /** The signature does not verify under the key the object names. */
  BAD_SIGNATURE,
  /** Validly signed, but by a different creator than the one expected. */
  WRONG_KEY,
  /** Describes a different stream or rendition than the one asked for. */
  WRONG_STREAM,
  /** The announce's validity has ended. */
  EXPIRED,
  /** Issued further in the future than clock skew explains. */
  NOT_YET_VALID,
  /** Older than something already accepted (lower announce seq, smaller tree, older epoch). */
  ROLLBACK,
  /**
   * Two signed objects that contradict each other: same announce seq, or same epoch and tree size,
   * with different content; or a new epoch that does not start where the accepted log ended.
   */
  EQUIVOCATION,
  /** A larger tree that is not proven to extend the accepted one. */
  INCONSISTENT,
  /** A newer tree that cannot be linked yet because intermediate roots are missing. */
  GAP,
  /** A MANIFEST_ROOT whose window and frontier do not hash to the rootHash it signs. */
  ROOT_MISMATCH,
  /** Segment bytes that do not match their signed entry. */
  SEGMENT_MISMATCH,
  /** A segment or entry that no accepted manifest covers. */
  NOT_COVERED,
  /** A playlist entry that disagrees with its signed manifest entry (URI, duration, discontinuity, order). */
  PLAYLIST_MISMATCH,
  /** A file of the stream could not be fetched (HTTP error, timeout, oversized). */
  UNAVAILABLE,
  /** Genuine but too old to be believed: a live stream's newest root, as served, is past the freshness bound. */
  STALE
}
