// Bundles the viewer for the browser with esbuild and copies the page assets next to it.
// Usage: node tools/build.mjs OUT_DIR. Everything the page needs ends up in OUT_DIR: no CDN at run time.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { enginePatches } from './engine-patches.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Where watch.html gets the player's modulepreload links (preloadPlayerCode). */
const PRELOAD_MARKER = '<!--ownerless:preload-->';
/** Followed by the player's file name and `-->`: read by ViewerAssets.withPlayerPreload. */
const PLAYER_CODE_MARKER = '<!--ownerless:player-code ';
const out = process.argv[2];
if (!out) {
  console.error('usage: node tools/build.mjs OUT_DIR');
  process.exit(2);
}
// A clean directory: chunk names carry content hashes, and stale ones would ship in the jar.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const started = Date.now();
const result = await build({
  entryPoints: [join(root, 'src/main/js/main.js')],
  outdir: out,
  entryNames: 'viewer',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  // Dynamic imports (e.g. wallet kits loaded on click) become separate files next to viewer.js.
  splitting: true,
  logLevel: 'warning',
  metafile: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  inject: [join(root, 'src/main/js/shims/process.js')],
  // Peers are held to the signed segment size, trackers are retried promptly (see engine-patches.mjs).
  plugins: [enginePatches],
}).catch(() => process.exit(1));
dropLazyWalletSourceMaps(result.metafile);
// hls.js transmuxes in this worker (workerPath); without it, on the page's main thread.
copyFileSync(join(root, 'node_modules/hls.js/dist/hls.worker.js'), join(out, 'hls.worker.js'));
for (const f of readdirSync(join(root, 'src/main/web'))) {
  copyFileSync(join(root, 'src/main/web', f), join(out, f));
}
preloadPlayerCode(result.metafile, join(out, 'watch.html'));
// The list the Java side extracts from the jar (it cannot list a directory inside a jar portably).
writeFileSync(
  join(out, 'files.txt'),
  readdirSync(out)
    .filter((f) => f !== 'files.txt')
    .sort()
    .join('\n') + '\n',
);
console.log(`viewer: bundled into ${out} in ${Date.now() - started} ms`);

/** The output files `file` imports statically, itself included. */
function staticClosure(outputs, file, into = new Set()) {
  if (into.has(file) || !outputs[file]) return into;
  into.add(file);
  for (const i of outputs[file].imports) if (i.kind === 'import-statement') staticClosure(outputs, i.path, into);
  return into;
}

/** The output file built for entry point `source` (a path under src/main/js), dynamic imports included. */
function outputOf(outputs, source) {
  return Object.keys(outputs).find((f) => (outputs[f].entryPoint ?? '').endsWith(source));
}

/**
 * main.js is small and imports the player (watch.js: mostly hls.js) only once it has sent the page's
 * first requests. The page names the modules both import as modulepreload links, so that they load
 * with main.js rather than one after the other. Not the player's own file: the browser compiles a
 * preloaded module at once, and compiling hls.js before main.js ran held the page's first requests
 * back (bench/first-frame.sh). The page names that file in a comment instead (PLAYER_CODE_MARKER), for
 * a server that puts the page's first files into it (the node's WatchRoute): such a page sends no early
 * requests, so it preloads the player as well.
 */
function preloadPlayerCode(metafile, page) {
  const outputs = metafile.outputs;
  const entry = outputOf(outputs, 'src/main/js/main.js');
  const player = outputOf(outputs, 'src/main/js/watch.js');
  if (!entry || !player) throw new Error('build: main.js or watch.js is not an output of its own');
  const files = [...staticClosure(outputs, entry), ...staticClosure(outputs, player)].filter(
    (f) => f !== entry && f !== player && f.endsWith('.js'),
  );
  const links = [...new Set(files)].map((f) => `<link rel="modulepreload" href="${basename(f)}" />`);
  const html = readFileSync(page, 'utf8');
  if (!html.includes(PRELOAD_MARKER)) throw new Error(`build: ${page} has no ${PRELOAD_MARKER}`);
  links.push(`${PLAYER_CODE_MARKER}${basename(player)}-->`);
  writeFileSync(page, html.replace(PRELOAD_MARKER, links.join('\n    ')));
}

/**
 * Source maps for the page's own code only: the WalletConnect chunks (loaded when a viewer tips with
 * Reown AppKit) would add some 15 MB of maps to the jar. Kept: everything viewer.js imports statically
 * and the tip panel's chunk.
 */
function dropLazyWalletSourceMaps(metafile) {
  const outputs = metafile.outputs;
  const keep = new Set();
  for (const source of ['src/main/js/main.js', 'src/main/js/watch.js', 'src/main/js/tips/index.js']) {
    const file = outputOf(outputs, source);
    if (file) staticClosure(outputs, file, keep);
  }
  for (const file of Object.keys(outputs)) {
    if (!file.endsWith('.js') || keep.has(file)) continue;
    rmSync(file + '.map', { force: true });
    const text = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=[^\n]*\n?$/, '\n');
    writeFileSync(file, text);
  }
}
