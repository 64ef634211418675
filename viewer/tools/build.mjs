// Bundles the viewer for the browser with esbuild and copies the page assets next to it.
// Usage: node tools/build.mjs OUT_DIR. Everything the page needs ends up in OUT_DIR: no CDN at run time.
import { build } from 'esbuild'
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = process.argv[2]
if (!out) {
  console.error('usage: node tools/build.mjs OUT_DIR')
  process.exit(2)
}
// A clean directory: chunk names carry content hashes, and stale ones would ship in the jar.
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
const started = Date.now()
await build({
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
  define: { 'process.env.NODE_ENV': '"production"' },
  inject: [join(root, 'src/main/js/shims/process.js')]
}).catch(() => process.exit(1))
// hls.js transmuxes in this worker (workerPath); without it, on the page's main thread.
copyFileSync(join(root, 'node_modules/hls.js/dist/hls.worker.js'), join(out, 'hls.worker.js'))
for (const f of readdirSync(join(root, 'src/main/web'))) {
  copyFileSync(join(root, 'src/main/web', f), join(out, f))
}
// The list the Java side extracts from the jar (it cannot list a directory inside a jar portably).
writeFileSync(join(out, 'files.txt'), readdirSync(out).filter(f => f !== 'files.txt').sort().join('\n') + '\n')
console.log(`viewer: bundled into ${out} in ${Date.now() - started} ms`)
