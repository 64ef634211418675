// When a genuine root is too old to be the state of a live stream (docs/protocol.md §4.4.1), the same
// rules as the Java Freshness. Two signed clocks say so: the announce's `logs` (re-signed every 10 s,
// valid 60 s), below which a root is stale whatever its own time; and the root's timeMs, since the
// node signs a root with every segment, so a live rendition's newest root older than
// max(30 s, 10 × its longest segment) comes from a frozen server or a stale mirror.

/** The floor of the bound: ordinary clock skew between the creator's machine and the viewer's. */
export const MIN_STALE_AFTER_MS = 30000;
/** Segments a live root may lag by before it is stale. */
export const STALE_AFTER_SEGMENTS = 10;

/** How old `root` (a verifyManifest result) may be while its stream is live. */
export function staleAfterMs(root) {
  const longestUs = root.window.reduce((m, e) => Math.max(m, e.durationUs), 0);
  return Math.max(MIN_STALE_AFTER_MS, Math.floor((STALE_AFTER_SEGMENTS * longestUs) / 1000));
}

/**
 * Whether log state `a` ({epoch, treeSize}: a root, or an announce's `logs` entry) is earlier than
 * `b`: an earlier epoch, or the same epoch and a smaller tree.
 */
export function isEarlierLogState(a, b) {
  return a.epoch < b.epoch || (a.epoch === b.epoch && a.treeSize < b.treeSize);
}

/**
 * The announce's `logs` entry for `root`'s rendition when `root` is behind it: the creator signed
 * that it had published more. Else null.
 */
export function isBehindLogs(root, announce) {
  const head = announce?.logs?.find((h) => h.rendition === root.rendition);
  return head && isEarlierLogState(root, head) ? head : null;
}

/**
 * True when `root` is behind what `announce` signs of its rendition's log, or when `announce` says
 * live and `root` was signed longer than its bound before `nowMs`.
 */
export function isStale(root, announce, nowMs) {
  if (isBehindLogs(root, announce) !== null) return true;
  return announce?.status === 'live' && nowMs - root.timeMs > staleAfterMs(root);
}
