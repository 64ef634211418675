// Two changes to the engine's tracker client (bittorrent-tracker 11.2.3, lib/client/websocket-tracker.js)
// so that viewers find each other again soon after their tracker comes back:
//
// 1. The wait before trying a lost tracker again: at least 10 s and up to an hour plus five random
//    minutes; after a tracker restart, viewers stayed on HTTP for minutes. Ours instead
//    (src/main/js/player/tracker-reconnect.js: 1 s doubling to 30 s, jittered).
// 2. Swarms share one socket per tracker URL (several renditions of a stream). A swarm reconnecting
//    onto a socket that another swarm opened and that is still connecting never heard its 'connect':
//    it stayed "reconnecting", and a reconnecting swarm never announces again. With waits of a
//    second that race is no longer rare, so such a swarm now waits for the 'connect' too.
//
// If the client's code changes, an anchor is not found and the build fails rather than silently
// shipping without these.

import { fileURLToPath } from 'node:url';
import { replaceOnce } from './replace-once.mjs';

export const WEBSOCKET_TRACKER_FILE = /bittorrent-tracker[\\/]lib[\\/]client[\\/]websocket-tracker\.js$/;

const SCHEDULE = fileURLToPath(new URL('../src/main/js/player/tracker-reconnect.js', import.meta.url));

const LONG_WAIT =
  'const ms = Math.floor(Math.random() * RECONNECT_VARIANCE) + Math.min(Math.pow(2, this.retries) * RECONNECT_MINIMUM, RECONNECT_MAXIMUM)';

const PROMPT = 'const ms = ownerlessReconnectDelayMs(this.retries, Math.random()) // ownerless: prompt reconnect';

const JOINS_CONNECTED_SOCKET_ONLY = `if (this.socket.connected) {
        this._onSocketConnectBound()
      }`;

const JOINS_CONNECTING_SOCKET_TOO = `if (this.socket.connected) {
        this._onSocketConnectBound()
      } else {
        // ownerless: a pooled socket still connecting (tools/tracker-reconnect-patch.mjs)
        this.socket.once('connect', this._onSocketConnectBound)
      }`;

const CHANGED = 'bittorrent-tracker websocket-tracker.js changed: re-check tools/tracker-reconnect-patch.mjs';

/** websocket-tracker.js reconnecting on our schedule; throws if the client is not the one this is for. */
export function promptTrackerReconnect(source) {
  const prompt = replaceOnce(source, LONG_WAIT, PROMPT, CHANGED);
  const patched = replaceOnce(prompt, JOINS_CONNECTED_SOCKET_ONLY, JOINS_CONNECTING_SOCKET_TOO, CHANGED);
  return `import { trackerReconnectDelayMs as ownerlessReconnectDelayMs } from ${JSON.stringify(SCHEDULE)}\n${patched}`;
}
