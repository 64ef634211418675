// Entry point of the viewer page. The stream comes from the URL: /watch/PUB/NAME on a node or relay
// (the hint is the page's own origin), or ?pub=PUB&name=NAME&hint=URL for a copy of the page hosted
// anywhere. ?latency=low|normal overrides the creator's default mode.
//
// This module is kept small on purpose: it sends the page's first requests (the announce, then the
// first manifest: EarlyFetches) and starts hls.js's transmux worker before the player's code, mostly
// hls.js, has loaded and run; the player (watch.js) then verifies those bytes as if it had fetched
// them itself.

import { EarlyFetches } from './player/early-fetches.js';
import { prestartWorker } from './player/prestarted-worker.js';

const PUB = /^[A-Za-z0-9_-]{43}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

function streamFromLocation(loc) {
  const q = new URLSearchParams(loc.search);
  const m = /\/watch\/([^/]+)\/([^/]+)\/?$/.exec(loc.pathname);
  const pub = m ? decodeURIComponent(m[1]) : q.get('pub');
  const name = m ? decodeURIComponent(m[2]) : q.get('name');
  const hint = q.get('hint') ?? (m ? loc.origin + '/' : null);
  if (!pub || !PUB.test(pub)) throw new Error('the address has no valid creator key (43 base64url characters)');
  if (!name || !NAME.test(name)) throw new Error('the address has no valid stream name');
  if (!hint) throw new Error('the address has no hint URL (?hint=https://origin.example/)');
  return { pub, name, hint, latency: q.get('latency') };
}

async function main() {
  const root = document.querySelector('[data-part=player]');
  let stream;
  try {
    stream = streamFromLocation(location);
  } catch (e) {
    root.dataset.state = 'failed';
    root.querySelector('[data-field=state]').textContent = 'Bad address';
    root.querySelector('[data-field=message]').textContent = e.message;
    window.ownerless = { stats: () => ({ state: 'failed', message: e.message }) };
    return;
  }
  const early = EarlyFetches.start(stream);
  // hls.js's transmux worker (workerPath in player/viewer.js), started now rather than at the first segment.
  prestartWorker(new URL('hls.worker.js', import.meta.url).href);
  const { watch } = await import('./watch.js');
  await watch(root, stream, early);
}

main();
