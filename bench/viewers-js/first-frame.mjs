// Time to first frame, the watch page against a stock hls.js + p2p-media-loader page on the same live
// stream (bench/first-frame.sh, issue 17). Each run opens each page once, in its own fresh headless
// Chromium (empty cache) that has finished its own start-up, alternating which goes first; the time is
// from navigation start to the first video frame presented (requestVideoFrameCallback's first call),
// the same hook on both pages.
// Usage: node first-frame.mjs WATCH_URL RUNS VIEWER_DIR
// FIRST_FRAME_PROFILE=1 also prints, for each page, what it fetched and when (ms from navigation start),
// the video element's own steps (seeking, seeked, playing) with the media time of the first frame, and
// after each append the media time ranges its SourceBuffer then holds.
// FIRST_FRAME_CPU_PROFILE=DIR writes each page's main-thread CPU profile (V8 sampler, 250 µs, from just
// before navigation to the first frame) to DIR as a .cpuprofile (Chromium DevTools opens it).
// FIRST_FRAME_RETURNING=1 measures a returning viewer: each browser opens the page once (not measured),
// leaves it, and the second visit is measured, with what the first left in the browser's HTTP cache.
// FIRST_FRAME_RTT_MS=N adds N ms to every request of both pages (Chromium's network emulation over CDP):
// a viewer whose server is not on the same machine, where each request the page waits for costs a round trip.
import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const [watchUrl, runsArg, viewerArg] = process.argv.slice(2)
const viewerDir = viewerArg && resolve(viewerArg);
const runs = Number(runsArg);
if (!watchUrl || !(runs > 0) || !viewerDir) {
  console.error('usage: node first-frame.mjs WATCH_URL RUNS VIEWER_DIR');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const executablePath = process.env.OWNERLESS_CHROMIUM ?? '/usr/bin/chromium'
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns']
const TIMEOUT_MS = 30000
const profile = process.env.FIRST_FRAME_PROFILE === '1'
const cpuProfileDir = process.env.FIRST_FRAME_CPU_PROFILE ?? ''
const returning = process.env.FIRST_FRAME_RETURNING === '1'
const rttMs = Number(process.env.FIRST_FRAME_RTT_MS ?? 0)
if (!(rttMs >= 0 && rttMs <= 1000)) {
  console.error('FIRST_FRAME_RTT_MS must be 0..1000')
  process.exit(2)
}

// The node's own files for the stock page: /watch/PUB/NAME -> /streams/PUB/NAME/master.m3u8.
const watch = new URL(watchUrl)
const [, pub, name] = /^\/watch\/([^/]+)\/([^/]+)/.exec(watch.pathname)
const master = `${watch.origin}/streams/${pub}/${name}/master.m3u8`
const tracker = `ws://${watch.host}/announce`

const out = mkdtempSync(join(tmpdir(), 'stock-page-'))
const server = await serveStockPage(out)
const stockUrl = `http://127.0.0.1:${server.address().port}/stock.html?src=${encodeURIComponent(master)}` +
  `&tracker=${encodeURIComponent(tracker)}`

// Armed before any page script: the first <video> that starts loading gets the frame callback. The
// marks (worker started, source buffers, appends) are for FIRST_FRAME_PROFILE only; same on both pages.
const firstFrameHook = () => {
  window.firstFrame = { at: null, marks: [] }
  const mark = (what) => window.firstFrame.marks.length < 90 && window.firstFrame.marks.push([what, performance.now()])
  const NativeWorker = window.Worker
  window.Worker = class extends NativeWorker {
    constructor(...a) { mark('new Worker'); super(...a) }
  }
  const add = MediaSource.prototype.addSourceBuffer
  MediaSource.prototype.addSourceBuffer = function (type) { mark(`addSourceBuffer ${type}`); return add.call(this, type) }
  const NativeMediaSource = window.MediaSource
  window.MediaSource = class extends NativeMediaSource {
    constructor(...a) { mark('new MediaSource'); super(...a) }
  }
  // Only the watch page verifies: its signature checks and segment hashes, start -> end.
  for (const op of ['verify', 'digest']) {
    const native = crypto.subtle?.[op]?.bind(crypto.subtle)
    if (!native) continue
    crypto.subtle[op] = (...a) => {
      const t = performance.now()
      return native(...a).finally(() => mark(`subtle.${op} ${Math.round(t)} -> ${Math.round(performance.now())}`))
    }
  }
  const append = SourceBuffer.prototype.appendBuffer
  // Each append is marked with what this buffer then holds, once the append is done.
  const ranges = (b) => Array.from({ length: b.length }, (_, i) => `${b.start(i).toFixed(2)}-${b.end(i).toFixed(2)}`).join(' ')
  SourceBuffer.prototype.appendBuffer = function (data) {
    const at = Math.round(performance.now())
    this.addEventListener('updateend', () => mark(`append ${data.byteLength} B (${at}), holds ${ranges(this.buffered)}`), { once: true })
    return append.call(this, data)
  }
  // The media element's own steps: where the player seeks to, and when the element has data there.
  for (const type of ['seeking', 'seeked', 'loadeddata', 'canplay', 'playing', 'waiting']) {
    document.addEventListener(type, (e) => {
      if (e.target instanceof HTMLVideoElement) mark(`video ${type} at ${e.target.currentTime.toFixed(2)} s`)
    }, true)
  }
  document.addEventListener('loadstart', (e) => {
    const v = e.target
    if (!(v instanceof HTMLVideoElement) || window.firstFrame.armed) return
    window.firstFrame.armed = true
    v.requestVideoFrameCallback((now, meta) => { window.firstFrame.at ??= performance.now(); mark(`first frame, media time ${meta.mediaTime.toFixed(2)} s`) })
  }, true)
}

async function firstFrameMs(url) {
  const profileDir = mkdtempSync(join(tmpdir(), 'first-frame-profile-'))
  const context = await chromium.launchPersistentContext(profileDir, { executablePath, headless: true, args })
  try {
    const page = context.pages()[0] ?? await context.newPage()
    await page.addInitScript(firstFrameHook)
    const settled = await browserSettled(profileDir)
    if (profile) console.log(`  browser start-up settled after ${settled.waitedMs} ms (${settled.cpuMs} ms of CPU)`)
    if (rttMs > 0) {
      const cdp = await context.newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.emulateNetworkConditions',
        { offline: false, latency: rttMs, downloadThroughput: -1, uploadThroughput: -1 })
    }
    if (returning) {
      await page.goto(url, { waitUntil: 'commit' })
      if (await frameAt(page) == null) return null
      await page.goto('about:blank')
      await browserSettled(profileDir)
    }
    const cpu = cpuProfileDir ? await context.newCDPSession(page) : null
    if (cpu) {
      await cpu.send('Profiler.enable')
      await cpu.send('Profiler.setSamplingInterval', { interval: 250 })
      await cpu.send('Profiler.start')
    }
    await page.goto(url, { waitUntil: 'commit' })
    const at = await frameAt(page)
    if (cpu) {
      const { profile: cpuProfile } = await cpu.send('Profiler.stop')
      const file = join(cpuProfileDir, `${url.includes('/watch/') ? 'watch' : 'stock'}-${Date.now()}.cpuprofile`)
      writeFileSync(file, JSON.stringify({ ...cpuProfile, firstFrameMs: at }))
      console.log(`  CPU profile: ${file}`)
    }
    if (at != null && profile) console.log(`  ${url.split('?')[0]}: frame at ${at} ms\n${await page.evaluate(timeline)}`)
    return at
  } finally {
    await context.close()
    rmSync(profileDir, { recursive: true, force: true })
  }
}

/** When the page in `page` showed its first frame (ms from its navigation start), or null after TIMEOUT_MS. */
async function frameAt(page) {
  const end = Date.now() + TIMEOUT_MS
  while (Date.now() < end) {
    const at = await page.evaluate(() => window.firstFrame?.at).catch(() => null)
    if (at != null) return Math.round(at)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  return null
}

// A viewer opens the link in a browser that is already running, so the browser's own start-up must
// not fall inside the measured window. Chromium 156 preloads WebUI pages of its own as it starts (the
// omnibox popup, chrome://omnibox-popup.top-chrome: about 1 s of CPU here), in a renderer of its own;
// traces showed it inside the first ~2 s of a page load in half the runs, on either page. So each
// page is opened once the browser's processes have used under 5 % of a core over 300 ms (at most 10 s).
async function browserSettled(profileDir) {
  const start = Date.now()
  const cpuMs = () => browserCpuMs(profileDir)
  const first = cpuMs()
  let before = first
  while (Date.now() - start < 10000) {
    await new Promise(resolve => setTimeout(resolve, 300))
    const now = cpuMs()
    if (now - before < 15) return { waitedMs: Date.now() - start, cpuMs: now - first }
    before = now
  }
  return { waitedMs: Date.now() - start, cpuMs: cpuMs() - first }
}

/** CPU time (user + system, ms) of the browser started on `profileDir` and all its descendants. */
function browserCpuMs(profileDir) {
  const procs = []
  for (const pid of readdirSync('/proc').filter(d => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ') // fields from the 3rd (state) on
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      procs.push({ pid, ppid: f[1], ticks: Number(f[11]) + Number(f[12]), root: cmd.includes(`--user-data-dir=${profileDir}`) })
    } catch {
      // the process ended while we looked
    }
  }
  const tree = new Set(procs.filter(p => p.root).map(p => p.pid))
  // Without it the wait would end at once and the bench would silently measure a starting browser.
  if (tree.size === 0) throw new Error(`no browser process with --user-data-dir=${profileDir} in /proc`)
  for (let grew = true; grew;) {
    grew = false
    for (const p of procs) if (!tree.has(p.pid) && tree.has(p.ppid)) { tree.add(p.pid); grew = true }
  }
  const ticks = procs.filter(p => tree.has(p.pid)).reduce((sum, p) => sum + p.ticks, 0)
  return ticks * 10 // USER_HZ is 100 on Linux
}

// The page's fetches (start -> end, ms from navigation start) and its own parse milestones.
const timeline = () => {
  const nav = performance.getEntriesByType('navigation')[0]
  const lines = [`    html ${Math.round(nav.responseEnd)}, dom interactive ${Math.round(nav.domInteractive)},` +
    ` DOMContentLoaded end ${Math.round(nav.domContentLoadedEventEnd)}`]
  const rows = performance.getEntriesByType('resource').map(e =>
    [e.startTime, `${Math.round(e.startTime)} -> ${Math.round(e.responseEnd)} ${e.name.replace(/^.*\/\/[^/]+/, '').slice(-60)}`])
  for (const [what, t] of window.firstFrame.marks) rows.push([t, `${Math.round(t)} ${what}`])
  for (const [, line] of rows.sort((a, b) => a[0] - b[0])) lines.push(`    ${line}`)
  return lines.join('\n')
}

const median = xs => {
  const s = xs.filter(x => x != null).sort((a, b) => a - b)
  return s.length ? (s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null
}

try {
  const times = { watch: [], stock: [] }
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? ['stock', 'watch'] : ['watch', 'stock']
    for (const page of order) times[page].push(await firstFrameMs(page === 'watch' ? watchUrl : stockUrl))
    console.log(`run ${i + 1}: watch ${times.watch[i] ?? 'no frame'} ms, stock ${times.stock[i] ?? 'no frame'} ms` +
      ` (${order[0]} first; load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`)
  }
  const w = median(times.watch)
  const s = median(times.stock)
  const failed = times.watch.concat(times.stock).filter(t => t == null).length
  const met = w != null && s != null && w <= s && failed === 0
  console.log(`first frame: watch page median ${w} ms, stock hls.js + p2p-media-loader page median ${s} ms,` +
    ` ratio ${w != null && s ? (w / s).toFixed(2) : '?'} over ${runs} runs` +
    `${rttMs ? ` with ${rttMs} ms added to each request` : ''}${returning ? ', returning viewers' : ''}` +
    `${failed ? `, ${failed} pages showed no frame in ${TIMEOUT_MS / 1000} s` : ''}: ${met ? 'MET' : 'NOT MET'}`)
} finally {
  server.close()
  rmSync(out, { recursive: true, force: true })
}

/** Bundles the stock page from the viewer's own npm packages and serves it over loopback HTTP. */
async function serveStockPage(dir) {
  const { build } = createRequire(join(viewerDir, 'package.json'))('esbuild')
  await build({
    entryPoints: [join(here, 'stock-page/stock.js')],
    outfile: join(dir, 'stock.bundle.js'),
    nodePaths: [join(viewerDir, 'node_modules')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    // The same Node `process` stand-in the viewer's bundle gets (the tracker client touches it).
    inject: [join(viewerDir, 'src/main/js/shims/process.js')],
  })
  const files = {
    '/stock.html': ['text/html', readFileSync(join(here, 'stock-page/stock.html')), 'no-cache'],
    // As a site would serve a bundle with a versioned name: a returning viewer does not ask again.
    '/stock.bundle.js': ['text/javascript', readFileSync(join(dir, 'stock.bundle.js')), 'public, max-age=31536000, immutable'],
  }
  const s = createServer((req, res) => {
    const f = files[new URL(req.url, 'http://x').pathname]
    if (!f) return res.writeHead(404).end()
    res.writeHead(200, { 'content-type': f[0], 'content-length': f[1].length, 'cache-control': f[2] }).end(f[1])
  })
  await new Promise(resolve => s.listen(0, '127.0.0.1', resolve))
  return s
}
