// N viewers in separate headless Chromium processes watch one stream page for a while; every second
// each reports window.ownerless.stats(). Prints one JSON summary: per-viewer bytes by source,
// rejections, and the distribution of "seconds behind live" over the run (after a warm-up).
// Usage: node viewers.mjs URL VIEWERS SECONDS [WARMUP_SECONDS] [STAGGER_MS]
import { chromium } from 'playwright-core'

const [url, viewersArg, secondsArg, warmupArg = '30', staggerArg = '3000'] = process.argv.slice(2)
const viewers = Number(viewersArg)
const seconds = Number(secondsArg)
const warmup = Number(warmupArg)
const stagger = Number(staggerArg)
if (!url || !(viewers > 0) || !(seconds > 0)) {
  console.error('usage: node viewers.mjs URL VIEWERS SECONDS [WARMUP_SECONDS] [STAGGER_MS]')
  process.exit(2)
}
const executablePath = process.env.OWNERLESS_CHROMIUM ?? '/usr/bin/chromium'
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns']

const median = xs => xs.length ? xs.sort((a, b) => a - b)[xs.length >> 1] : null

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
  const start = Date.now()
  while (Date.now() - start < seconds * 1000) {
    await new Promise(resolve => setTimeout(resolve, 1000))
    const t = (Date.now() - start) / 1000
    await Promise.all(pages.map(async (p, i) => {
      try {
        const s = await p.evaluate(() => {
          const h = window.ownerless?.viewer?.hls
          const st = window.ownerless?.stats?.()
          return st && { ...st, playerLatency: h?.latency ?? null, playerTarget: h?.targetLatency ?? null }
        })
        if (s) samples[i].push({ t, ...s })
      } catch { /* a page mid-navigation: skip this second */ }
    }))
  }
  const perViewer = samples.map(list => {
    const first = list.find(s => s.t >= warmup) ?? list[0]
    const last = list[list.length - 1]
    return {
      state: last?.state,
      httpBytes: (last?.httpBytes ?? 0) - (first?.httpBytes ?? 0),
      p2pBytes: (last?.p2pBytes ?? 0) - (first?.p2pBytes ?? 0),
      rejected: last?.rejectedSegments ?? 0,
      verified: last?.verifiedSegments ?? 0,
      targetLatency: last?.targetLatencySeconds ?? null,
      latencies: list.filter(s => s.t >= warmup && s.latencySeconds != null).map(s => s.latencySeconds),
      // hls.js's own view: its latency estimate and the target it holds (stalls raise it by up to a segment).
      playerLatencyP50: median(list.filter(s => s.t >= warmup && s.playerLatency != null).map(s => s.playerLatency)),
      playerTargetP50: median(list.filter(s => s.t >= warmup && s.playerTarget != null).map(s => s.playerTarget))
    }
  })
  const http = perViewer.reduce((a, v) => a + v.httpBytes, 0)
  const p2p = perViewer.reduce((a, v) => a + v.p2pBytes, 0)
  const all = perViewer.flatMap(v => v.latencies).sort((a, b) => a - b)
  const pct = q => all.length ? all[Math.min(all.length - 1, Math.floor(q * all.length))] : null
  console.log(JSON.stringify({
    viewers,
    seconds,
    p2pShare: http + p2p ? p2p / (http + p2p) : 0,
    limit: (viewers - 1) / viewers,
    latencyP50: pct(0.5),
    latencyP90: pct(0.9),
    rejected: perViewer.reduce((a, v) => a + v.rejected, 0),
    playing: perViewer.filter(v => v.state === 'playing').length,
    perViewer: perViewer.map(({ latencies, ...v }) => ({ ...v, latencyP50: latencies.sort((a, b) => a - b)[latencies.length >> 1] ?? null }))
  }))
} finally {
  await Promise.all(browsers.map(b => b.close().catch(() => {})))
}
