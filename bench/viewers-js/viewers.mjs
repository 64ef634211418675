// N viewers in separate headless Chromium processes watch one stream page for a while; every second
// each reports window.ownerless.stats() and the age of the frame its <video> shows, read from the demo
// source's clock stripe (picture-clock.mjs). Prints one JSON summary: per-viewer bytes by source,
// rejections, and after a warm-up the distributions of glass-to-glass latency read from the picture and
// of the viewer's own "seconds behind live", side by side. With OWNERLESS_METRICS_URL (the node's
// /metrics), also the bytes the origin served over the same window, read in the same second as the
// viewers' counters: offload measured at the origin.
// Usage: node viewers.mjs URL VIEWERS SECONDS [WARMUP_SECONDS] [STAGGER_MS]
import { chromium } from 'playwright-core'
import { STRIPE, readPictureAge } from './picture-clock.mjs'

const [url, viewersArg, secondsArg, warmupArg = '30', staggerArg = '3000'] = process.argv.slice(2)
const viewers = Number(viewersArg)
const seconds = Number(secondsArg)
const warmup = Number(warmupArg)
const stagger = Number(staggerArg)
const metricsUrl = process.env.OWNERLESS_METRICS_URL
if (!url || !(viewers > 0) || !(seconds > 0)) {
  console.error('usage: node viewers.mjs URL VIEWERS SECONDS [WARMUP_SECONDS] [STAGGER_MS]')
  process.exit(2)
}
const executablePath = process.env.OWNERLESS_CHROMIUM ?? '/usr/bin/chromium'
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns']

const sorted = xs => [...xs].sort((a, b) => a - b)
const pct = (xs, q) => xs.length ? sorted(xs)[Math.min(xs.length - 1, Math.floor(q * xs.length))] : null

/** What the node's origin has served so far (manifest and playlist polls included), or null without a URL. */
async function originBytes () {
  if (!metricsUrl) return null
  const text = await (await fetch(metricsUrl)).text()
  const m = text.match(/^ownerless_http_bytes_served_total (\S+)$/m)
  if (!m) throw new Error(`no ownerless_http_bytes_served_total in ${metricsUrl}`)
  return Number(m[1])
}

/** Runs in the page: the viewer's stats and the age of the frame on screen, in one round trip. */
function sampleInPage (readAge, stripe) {
  const h = window.ownerless?.viewer?.hls
  const st = window.ownerless?.stats?.()
  let picture
  try { picture = readAge(stripe) } catch (e) { picture = { error: String(e) } }
  return st && { ...st, picture, playerLatency: h?.latency ?? null, playerTarget: h?.targetLatency ?? null }
}
// One expression with both functions' source: evaluated over DevTools, so the page's CSP (no eval) allows it.
const sampleScript = `(${sampleInPage})(${readPictureAge}, ${JSON.stringify(STRIPE)})`

const browsers = []
const pages = []
try {
  for (let i = 0; i < viewers; i++) {
    const b = await chromium.launch({ executablePath, headless: true, args })
    browsers.push(b)
    const page = await (await b.newContext()).newPage()
    await page.goto(url)
    pages.push(page)
    // Joining at different moments is how real audiences arrive; it also spreads the start-up load.
    await new Promise(resolve => setTimeout(resolve, stagger))
  }
  const samples = pages.map(() => [])
  const origin = {}
  const start = Date.now()
  while (Date.now() - start < seconds * 1000) {
    await new Promise(resolve => setTimeout(resolve, 1000))
    const t = (Date.now() - start) / 1000
    await Promise.all(pages.map(async (p, i) => {
      try {
        const s = await p.evaluate(sampleScript)
        if (s) samples[i].push({ t, ...s })
      } catch { /* a page mid-navigation: skip this second */ }
    }))
    // The origin's counter in the same second as the viewers' first and last counted samples.
    if (t >= warmup && origin.first == null) origin.first = await originBytes()
    origin.last = await originBytes()
  }
  const perViewer = samples.map(list => {
    const counted = list.filter(s => s.t >= warmup)
    const first = counted[0] ?? list[0]
    const last = list[list.length - 1]
    const own = counted.filter(s => s.latencySeconds != null).map(s => s.latencySeconds)
    const read = counted.filter(s => s.picture?.ageMs != null)
    const picture = read.map(s => s.picture.ageMs / 1000)
    // picture - own, per sample where both exist: what the viewer's own figure leaves out.
    const diff = read.filter(s => s.latencySeconds != null).map(s => s.picture.ageMs / 1000 - s.latencySeconds)
    return {
      state: last?.state,
      httpBytes: (last?.httpBytes ?? 0) - (first?.httpBytes ?? 0),
      p2pBytes: (last?.p2pBytes ?? 0) - (first?.p2pBytes ?? 0),
      uploadedBytes: (last?.uploadedBytes ?? 0) - (first?.uploadedBytes ?? 0),
      // Segments a viewer playing LL-HLS parts joined from them and shared (player/part-seeding.js), since it started.
      seededSegments: last?.seededSegments ?? 0,
      rejected: last?.rejectedSegments ?? 0,
      verified: last?.verifiedSegments ?? 0,
      targetLatency: last?.targetLatencySeconds ?? null,
      // Why the viewer's engine went to HTTP, as the viewer counts it since it started (player/http-turn.js).
      httpFetches: last?.httpFetches ?? null,
      p2pTries: last?.p2pTries ?? null,
      // How long those downloads from peers took (p50/p90 ms per outcome, the viewer's newest 256).
      p2pTryMs: last?.p2pTryMs ?? null,
      rendition: last?.rendition ?? null,
      peers: last?.peers ?? null,
      own,
      picture,
      diff,
      // Frames the reader refused (rows disagree) and seconds without a frame at all.
      unreadable: counted.filter(s => s.picture && !s.picture.error && s.picture.ageMs == null).length,
      noFrame: counted.filter(s => !s.picture).length,
      pictureError: counted.find(s => s.picture?.error)?.picture.error ?? null,
      // hls.js's own view: its latency estimate and the target it holds (stalls raise it by up to a segment).
      playerLatencyP50: pct(counted.filter(s => s.playerLatency != null).map(s => s.playerLatency), 0.5),
      playerTargetP50: pct(counted.filter(s => s.playerTarget != null).map(s => s.playerTarget), 0.5)
    }
  })
  const http = perViewer.reduce((a, v) => a + v.httpBytes, 0)
  const p2p = perViewer.reduce((a, v) => a + v.p2pBytes, 0)
  const own = perViewer.flatMap(v => v.own)
  const picture = perViewer.flatMap(v => v.picture)
  const diff = perViewer.flatMap(v => v.diff)
  const served = origin.first != null ? origin.last - origin.first : null
  console.log(JSON.stringify({
    viewers,
    seconds,
    p2pShare: http + p2p ? p2p / (http + p2p) : 0,
    limit: (viewers - 1) / viewers,
    playedBytes: http + p2p,
    originBytes: served,
    originOffload: served != null && http + p2p ? 1 - served / (http + p2p) : null,
    pictureP50: pct(picture, 0.5),
    pictureP90: pct(picture, 0.9),
    latencyP50: pct(own, 0.5),
    latencyP90: pct(own, 0.9),
    diffP50: pct(diff, 0.5),
    unreadable: perViewer.reduce((a, v) => a + v.unreadable, 0),
    rejected: perViewer.reduce((a, v) => a + v.rejected, 0),
    playing: perViewer.filter(v => v.state === 'playing').length,
    perViewer: perViewer.map(({ own, picture, diff, ...v }) => ({
      ...v,
      pictureP50: pct(picture, 0.5),
      pictureP90: pct(picture, 0.9),
      latencyP50: pct(own, 0.5),
      latencyP90: pct(own, 0.9),
      diffP50: pct(diff, 0.5)
    }))
  }))
} finally {
  await Promise.all(browsers.map(b => b.close().catch(() => {})))
}
