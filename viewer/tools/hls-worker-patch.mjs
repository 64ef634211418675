// One change to hls.js (1.7.4, dist/hls.mjs), applied as esbuild bundles it (engine-patches.mjs): its
// loadWorker(path) takes the transmux worker the page prestarted for that script
// (src/main/js/player/prestarted-worker.js) instead of starting one when the first segment arrives.
// Why: the worker's start-up was on the path to the first frame (issue 17, bench/first-frame.sh).
//
// If hls.js's code changes, the anchor is not found and the build fails rather than silently shipping
// without the prestart.

import { fileURLToPath } from 'node:url';
import { replaceOnce } from './replace-once.mjs';

export const HLS_FILE = /hls\.js[\\/]dist[\\/]hls\.mjs$/;

const PRESTARTED = fileURLToPath(new URL('../src/main/js/player/prestarted-worker.js', import.meta.url));

const STARTS_ITS_OWN = `const scriptURL = new self.URL(path, self.location.href).href;
  const worker = new self.Worker(scriptURL);`;

const TAKES_PRESTARTED = `const scriptURL = new self.URL(path, self.location.href).href;
  // ownerless: the worker the page prestarted (tools/hls-worker-patch.mjs)
  const worker = ownerlessTakePrestartedWorker(scriptURL) ?? new self.Worker(scriptURL);`;

/** hls.mjs taking prestarted workers; throws if hls.js is not the one this patch is for. */
export function takePrestartedWorker(source) {
  const patched = replaceOnce(
    source,
    STARTS_ITS_OWN,
    TAKES_PRESTARTED,
    'hls.js hls.mjs changed: re-check tools/hls-worker-patch.mjs',
  );
  return `import { takePrestartedWorker as ownerlessTakePrestartedWorker } from ${JSON.stringify(PRESTARTED)};\n${patched}`;
}
