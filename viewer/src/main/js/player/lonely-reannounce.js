// A viewer alone while its swarm is not: it announces again soon instead of at the tracker's interval.
// The engine's tracker client makes its WebRTC offers when it announces; when a negotiation fails (a
// busy machine, a lost answer), the next chance is the next announce — 120 s on our tracker, two
// minutes on HTTP alone. So while a swarm's tracker says others are in it and this viewer has no
// connected peer, it announces again (fresh offers) after 10 s, then 20 s, 40 s, at most every 60 s;
// the wait starts over once it has a peer. A viewer alone in its swarm announces nothing extra.
// Installed into the engine's tracker client at build time: tools/lonely-reannounce-patch.mjs.

/** The first wait before a lonely viewer announces again. */
export const FIRST_LONELY_MS = 10_000;
/** The longest wait between two extra announces, however long it stays alone. */
export const MAX_LONELY_MS = 60_000;

/** The wait before the next check after `announces` extra announces since it last had a peer. */
export function lonelyReannounceDelayMs(announces) {
  const n = Math.max(0, Math.floor(Number.isFinite(announces) ? announces : 0));
  return Math.min(FIRST_LONELY_MS * 2 ** Math.min(n, 30), MAX_LONELY_MS);
}

/**
 * Watches `trackerClient` (p2p-media-loader's P2PTrackerClient: `client` is the bittorrent-tracker
 * client, `peers()` the connected peers) and announces again while it is lonely in a swarm of others.
 * Returns the function that stops it.
 */
export function watchLoneliness(trackerClient, { setTimer = setTimeout, clearTimer = clearTimeout } = {}) {
  let swarm = 0; // peers in the swarm by the tracker's last answer, this viewer included
  let announces = 0;
  let timer = null;
  trackerClient.client.on('update', (data) => {
    swarm = (Number(data?.complete) || 0) + (Number(data?.incomplete) || 0);
  });
  const check = () => {
    if (!trackerClient.peers().next().done) {
      announces = 0;
    } else if (swarm > 1) {
      trackerClient.client.update();
      announces += 1;
    }
    timer = setTimer(check, lonelyReannounceDelayMs(announces));
  };
  timer = setTimer(check, lonelyReannounceDelayMs(0));
  return () => clearTimer(timer);
}
