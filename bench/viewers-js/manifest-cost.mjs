// The viewer's per-manifest cost in Chromium: the viewer's own trust code (viewer/src/main/js/trust),
// bundled by esbuild as the viewer is, runs verifyManifest (strict UTF-8 + JSON parse, field rules,
// root recomputed from window and frontier, Ed25519 signature) on v2 manifests as a node publishes
// them, in headless Chromium, from a page served on 127.0.0.1 (a secure context: WebCrypto on).
// Prints one JSON line per sample: the first (cold) call, then median and p90 milliseconds per
// manifest over the runs after a warm-up.
// Usage: node manifest-cost.mjs SAMPLES_DIR [RUNS]
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [samplesDir, runsArg = '200'] = process.argv.slice(2);
if (!samplesDir) {
  console.error('usage: node manifest-cost.mjs SAMPLES_DIR [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg);
const here = path.dirname(fileURLToPath(import.meta.url));
const viewer = path.resolve(here, '../../viewer');
const { build } = await import(path.join(viewer, 'node_modules/esbuild/lib/main.js'));

const entry = `
  import { verifyManifest } from ${JSON.stringify(path.join(viewer, 'src/main/js/trust/index.js'))};
  window.measure = async (text, creator, runs) => {
    const bytes = new TextEncoder().encode(text);
    // The first call is what a viewer pays once at start (cold code); a wrong sample fails here, loudly.
    const t = performance.now();
    await verifyManifest(bytes, { creator });
    const first = performance.now() - t;
    // Then warm up as a viewer polling every 2 s soon is, so the runs measure the steady cost.
    for (let i = 0; i < Math.min(runs, 50); i++) await verifyManifest(bytes, { creator });
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await verifyManifest(bytes, { creator });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { first, median: times[times.length >> 1], p90: times[Math.floor(times.length * 0.9)] };
  };`;
const bundle = await build({
  stdin: { contents: entry, resolveDir: viewer, loader: 'js' },
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  minify: true,
  inject: [path.join(viewer, 'src/main/js/shims/process.js')],
  define: { global: 'globalThis' },
});
const js = bundle.outputFiles[0].contents;
const server = createServer((req, res) => {
  if (req.url === '/bench.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
  } else {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<script type="module" src="/bench.js"></script>');
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.OWNERLESS_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  await page.waitForFunction(() => typeof window.measure === 'function');
  const creator = readFileSync(path.join(samplesDir, 'creator.txt'), 'utf8').trim();
  for (const [name, n] of [['live.json', runs], ['ended.json', Math.max(5, Math.floor(runs / 20))]]) {
    const text = readFileSync(path.join(samplesDir, name), 'utf8');
    const r = await page.evaluate(([t, c, k]) => window.measure(t, c, k), [text, creator, n]);
    console.log(JSON.stringify({ sample: name, bytes: Buffer.byteLength(text), runs: n, firstMs: r.first, medianMs: r.median, p90Ms: r.p90 }));
  }
} finally {
  await browser.close();
  server.close();
}
