// When the P2P engine's tracker client tries a lost tracker again. The npm bittorrent-tracker client
// waits min(2^retries × 10 s, 1 h) plus up to 5 random minutes, so after a tracker restart viewers
// stayed apart for minutes (on HTTP only) although the tracker was back. Ours: 1 s, 2 s, 4 s … at most
// 30 s, so peers meet again at most 30 s after their tracker is back, while a tracker that stays down
// costs each viewer one attempt every 15–30 s. The wait is jittered downwards (half fixed, half
// random) so that the viewers of a restarted tracker do not all come back in the same instant.
// Installed into the client at build time: tools/tracker-reconnect-patch.mjs.

/** The first wait after a lost or refused tracker connection. */
export const FIRST_RECONNECT_MS = 1000;
/** The longest wait between two attempts, however long the tracker stays down. */
export const MAX_RECONNECT_MS = 30000;

/**
 * The wait before attempt `retries` + 1 (`retries`: attempts failed since the last connection),
 * for `random` in [0, 1): in [ceiling / 2, ceiling] with ceiling = min(1 s × 2^retries, 30 s).
 */
export function trackerReconnectDelayMs(retries, random) {
  const doublings = Math.max(0, Math.floor(Number.isFinite(retries) ? retries : 0));
  const ceiling = Math.min(FIRST_RECONNECT_MS * 2 ** Math.min(doublings, 30), MAX_RECONNECT_MS);
  const r = Math.min(Math.max(Number.isFinite(random) ? random : 1, 0), 1);
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}
