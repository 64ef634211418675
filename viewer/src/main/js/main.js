// Entry point of the viewer page. The stream comes from the URL (player/page-address.js).
//
// This module is kept small on purpose: it sends the page's first requests (the announce, then the
// first manifest: EarlyFetches; none when the page carries both, as a node's or relay's page does) and
// starts hls.js's transmux worker before the player's code, mostly hls.js, has loaded and run; the
// player (watch.js) then verifies those bytes as if it had fetched them itself.

import { EarlyFetches } from './player/early-fetches.js';
import { streamFromLocation } from './player/page-address.js';
import { prestartWorker } from './player/prestarted-worker.js';

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
  const early = EarlyFetches.forPage(stream, location, document);
  // hls.js's transmux worker (workerPath in player/viewer.js), started now rather than at the first segment.
  prestartWorker(new URL('hls.worker.js', import.meta.url).href);
  const { watch } = await import('./watch.js');
  await watch(root, stream, early);
}

main();
