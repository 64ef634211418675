// Bundles the viewer for the browser with esbuild and copies the page assets next to it.
// Usage: node tools/build.mjs OUT_DIR. Everything the page needs ends up in OUT_DIR: no CDN at run time.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { enginePatches } from './engine-patches.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
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
// The list the Java side extracts from the jar (it cannot list a directory inside a jar portably).
writeFileSync(
  join(out, 'files.txt'),
  readdirSync(out)
    .filter((f) => f !== 'files.txt')
    .sort()
    .join('\n') + '\n',
);
console.log(`viewer: bundled into ${out} in ${Date.now() - started} ms`);

/**
 * Source maps for the page's own code only: the WalletConnect chunks (loaded when a viewer tips with
 * Reown AppKit) would add some 15 MB of maps to the jar. Kept: everything viewer.js imports statically
 * and the tip panel's chunk.
 */
function dropLazyWalletSourceMaps(metafile) {
  const outputs = metafile.outputs;
  const keep = new Set();
  const visit = (file) => {
    if (keep.has(file) || !outputs[file]) return;
    keep.add(file);
    for (const i of outputs[file].imports) if (i.kind === 'import-statement') visit(i.path);
  };
  for (const [file, o] of Object.entries(outputs)) {
    const entry = o.entryPoint ?? '';
    if (entry.endsWith('src/main/js/main.js') || entry.endsWith('src/main/js/tips/index.js')) visit(file);
  }
  for (const file of Object.keys(outputs)) {
    if (!file.endsWith('.js') || keep.has(file)) continue;
    rmSync(file + '.map', { force: true });
    const text = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=[^\n]*\n?$/, '\n');
    writeFileSync(file, text);
  }
}
