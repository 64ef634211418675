// When a genuine root is too old to be the state of a live stream (docs/protocol.md §4.4.1), the same
// rule as the Java Freshness: the node signs a root with every segment, so a live rendition's newest
// root older than max(30 s, 10 × its longest segment) comes from a frozen server or a stale mirror.

/** The floor of the bound: ordinary clock skew between the creator's machine and the viewer's. */
export const MIN_STALE_AFTER_MS = 30000;
/** Segments a live root may lag by before it is stale. */
export const STALE_AFTER_SEGMENTS = 10;

/** How old `root` (a verifyManifest result) may be while its stream is live. */
export function staleAfterMs(root) {
  const longestUs = root.window.reduce((m, e) => Math.max(m, e.durationUs), 0);
  return Math.max(MIN_STALE_AFTER_MS, Math.floor((STALE_AFTER_SEGMENTS * longestUs) / 1000));
}

/** True when `announce` says live and `root` was signed longer than its bound before `nowMs`. */
export function isStale(root, announce, nowMs) {
  return announce?.status === 'live' && nowMs - root.timeMs > staleAfterMs(root);
}
