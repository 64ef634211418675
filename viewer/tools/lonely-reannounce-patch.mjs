// The engine's tracker client (p2p-media-loader-core 2.3.1, lib/p2p/tracker-client.js) announces again
// while its viewer has no peer in a swarm of others (src/main/js/player/lonely-reannounce.js): a failed
// WebRTC negotiation otherwise waits for the tracker's next interval, two minutes.
//
// If the engine's code changes, an anchor is not found and the build fails rather than silently
// shipping without it.

import { fileURLToPath } from 'node:url';
import { replaceOnce } from './replace-once.mjs';

export const TRACKER_CLIENT_FILE = /p2p-media-loader-core[\\/]lib[\\/]p2p[\\/]tracker-client\.js$/;

const WATCH = fileURLToPath(new URL('../src/main/js/player/lonely-reannounce.js', import.meta.url));

const START = `start() {
        this.client.start();
    }`;

const START_WATCHING = `start() {
        this.client.start();
        // ownerless: announce again while alone in a swarm of others (tools/lonely-reannounce-patch.mjs)
        this.ownerlessStopWatching = ownerlessWatchLoneliness(this);
    }`;

const DESTROY = `destroy() {
        this.client.destroy();`;

const DESTROY_WATCHING = `destroy() {
        this.ownerlessStopWatching?.();
        this.client.destroy();`;

const CHANGED = 'p2p-media-loader-core tracker-client.js changed: re-check tools/lonely-reannounce-patch.mjs';

/** tracker-client.js watching for loneliness; throws if the engine is not the one this is for. */
export function reannounceWhenLonely(source) {
  const started = replaceOnce(source, START, START_WATCHING, CHANGED);
  const patched = replaceOnce(started, DESTROY, DESTROY_WATCHING, CHANGED);
  return `import { watchLoneliness as ownerlessWatchLoneliness } from ${JSON.stringify(WATCH)}\n${patched}`;
}
