// hls.js transmuxes in a worker (hls.worker.js) that it starts only when the first segment has arrived;
// starting a thread and loading its script then sat on the path to the first frame (hundreds of ms
// on a busy machine). So the page starts that worker as it loads (main.js), and hls.js, patched at
// build time (tools/hls-worker-patch.mjs), takes it instead of starting its own. The worker holds no
// state before hls.js's 'init' message, so a prestarted one is the same as a new one.

const started = new Map(); // absolute script URL -> Worker not yet taken

/** Starts the worker at `url` now, if the page may start workers at all (else hls.js will try). */
export function prestartWorker(url) {
  const href = new URL(url, location.href).href;
  if (started.has(href) || typeof Worker === 'undefined') return;
  try {
    started.set(href, new Worker(href));
  } catch {
    // hls.js starts its own, or transmuxes inline, as it would have without us.
  }
}

/** The worker prestarted for `url` (absolute), once; null if there is none. */
export function takePrestartedWorker(url) {
  const worker = started.get(url) ?? null;
  started.delete(url);
  return worker;
}
