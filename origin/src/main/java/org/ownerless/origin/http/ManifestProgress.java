package org.ownerless.origin.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.json.StrictJson;

/**
 * How far a served manifest.json has got, read leniently: the origin serves manifests, it does not
 * verify them (viewers do), so only the three facts a blocking reload needs are taken and nothing else
 * is checked. A file that does not even show a tree size is treated as unknown and answered at once.
 *
 * @param treeSize segments in the log
 * @param parts parts of the next segment (index {@code treeSize}) listed so far
 * @param longestSegmentUs longest segment duration in the window, 0 if there is none
 */
record ManifestProgress(long treeSize, int parts, long longestSegmentUs) {
  /** A request is never held for less than this, so a stream of very short segments still gets a chance. */
  static final Duration MIN_HOLD = Duration.ofSeconds(1);
  /** Nor for more: the viewer's manifest deadline is extended by exactly this much. */
  static final Duration MAX_HOLD = Duration.ofSeconds(6);
  /** A client may wait at most this many segments ahead; further is confused or hostile, answered at once. */
  static final long MAX_AHEAD = 2;

  /** The progress of a manifest's bytes, or null if they show no tree size. */
  static ManifestProgress of(byte[] manifest) {
    JsonNode root;
    try {
      root = StrictJson.parse(manifest);
    } catch (ProtocolException e) {
      return null;
    }
    JsonNode size = root.get("treeSize");
    if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
      return null;
    }
    long longest = 0;
    JsonNode window = root.path("window");
    for (JsonNode entry : window) {
      longest = Math.max(longest, entry.path("durationUs").asLong(0));
    }
    JsonNode parts = root.path("parts");
    return new ManifestProgress(size.asLong(), parts.isArray() ? parts.size() : 0, longest);
  }

  /** True if this manifest already has what the query waits for. */
  boolean satisfies(BlockingQuery q) {
    return treeSize > q.msn() || (q.part() >= 0 && treeSize == q.msn() && parts > q.part());
  }

  /** True if the query waits for more than the next few segments: not worth a held request. */
  boolean tooFarBehind(BlockingQuery q) {
    return q.msn() > treeSize + MAX_AHEAD;
  }

  /** How long a request may wait: three of the longest segments, within [1 s, 6 s]. */
  Duration holdBound() {
    Duration three = Duration.ofNanos(Math.min(longestSegmentUs, MAX_HOLD.toNanos() / 1000) * 3_000);
    return three.compareTo(MIN_HOLD) < 0 ? MIN_HOLD : three.compareTo(MAX_HOLD) > 0 ? MAX_HOLD : three;
  }
}
