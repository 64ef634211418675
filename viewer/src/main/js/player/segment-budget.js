// What one segment fetch may cost, from what the creator signed for it: never more bytes than its
// signed size, never longer than a small multiple of its signed duration. Nobody else's word (an
// origin's Content-Length, a peer's declared size, a flat timeout) sets these bounds.

/**
 * A fetch may take this many segment durations. Live playback needs each segment faster than real
 * time, so a source slower than that is already losing ground and the next origin is the better bet;
 * the buffer kept behind the live edge (several segments) absorbs one abandoned try.
 */
export const DEADLINE_SEGMENTS = 1.5;
/** Very short segments still get a second: connection set-up alone can take a few hundred ms. */
export const MIN_DEADLINE_MS = 1000;

/** {maxBytes, deadlineMs} for a signed entry {size, durationUs}. */
export function segmentBudget(entry) {
  return {
    maxBytes: entry.size,
    deadlineMs: Math.max(MIN_DEADLINE_MS, Math.round((DEADLINE_SEGMENTS * entry.durationUs) / 1000)),
  };
}
