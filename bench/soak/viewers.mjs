// Soak viewers (issue 15): N headless Chromium viewers, each its own browser process, watch one stream
// page until SIGTERM/SIGINT. Each page's player bus is followed from inside the page (state changes,
// refusals, tracker errors, origin switches) and its uncaught errors and crashes from outside; every
// counted event goes to EVENTS_FILE (JSON lines) and a per-viewer summary to STATUS_FILE every 5 s.
// Usage: node viewers.mjs URL VIEWERS STATUS_FILE EVENTS_FILE PROFILE_DIR
//
// Counted as errors: uncaught page errors, page crashes, the state becoming untrusted, expired or
// failed, any refused file (a segment from a peer or origin that did not verify, a refused manifest
// or announce), an expired announce, an announce refresh that found something unverifiable.
// Stalls: the state going playing -> stalled (the player's own once-a-second look at the <video>).
// Warnings (reported, not errors): console errors, tracker errors, origin switches, announce
// refreshes where every origin was only unavailable.
import { createRequire } from 'node:module'
import { appendFileSync, renameSync, writeFileSync } from 'node:fs'

const require = createRequire(new URL('../viewers-js/package.json', import.meta.url))
const { chromium } = require('playwright-core')

const [url, viewersArg, statusFile, eventsFile, profileDir] = process.argv.slice(2)
const viewers = Number(viewersArg)
if (!url || !(viewers > 0) || !statusFile || !eventsFile || !profileDir) {
  console.error('usage: node viewers.mjs URL VIEWERS STATUS_FILE EVENTS_FILE PROFILE_DIR')
  process.exit(2)
}
const executablePath = process.env.OWNERLESS_CHROMIUM ?? '/usr/bin/chromium'
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns']

// Runs in the page before its own scripts, on every load: waits for the viewer's automation hook,
// then forwards the bus events a soak cares about to the exposed __soakEvent.
const HOOK = () => {
  const timer = setInterval(() => {
    const bus = window.ownerless?.viewer?.bus
    if (!bus || typeof window.__soakEvent !== 'function') return
    clearInterval(timer)
    const send = (type, p) => {
      let detail
      try { detail = JSON.parse(JSON.stringify(p, (k, v) => (typeof v === 'bigint' ? String(v) : v))) } catch { detail = String(p) }
      window.__soakEvent(type, detail)
    }
    for (const type of ['stateChanged', 'fileRefused', 'announceRefreshFailed', 'announceExpired', 'trackerError', 'originChanged']) {
      bus.on(type, (p) => send(type, p))
    }
    send('hooked', {})
  }, 100)
}

const short = (v) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return s && s.length > 300 ? s.slice(0, 300) + '…' : s
}

const state = Array.from({ length: viewers }, () => ({
  state: 'starting', errors: 0, stalls: 0, stalledSeconds: 0, warnings: 0, reloads: 0,
  verifiedSegments: 0, rejectedSegments: 0, httpBytes: 0, p2pBytes: 0, latencySeconds: null, stalledSince: null
}))
const contexts = []
let stopping = false

function record (i, kind, type, detail) {
  appendFileSync(eventsFile, JSON.stringify({ t: new Date().toISOString(), viewer: i, kind, type, detail: short(detail) }) + '\n')
}

function onPlayerEvent (i, type, p) {
  if (stopping) return // the shutdown is not the stream's fault
  const v = state[i]
  if (type === 'hooked') return record(i, 'info', type, url)
  if (type === 'stateChanged') {
    const prev = v.state
    if (p.state === 'stalled' && prev === 'playing') {
      v.stalls++
      v.stalledSince = Date.now()
      record(i, 'stall', type, p)
    } else if (['untrusted', 'expired', 'failed'].includes(p.state)) {
      v.errors++
      record(i, 'error', type, p)
    } else {
      record(i, 'info', type, p)
    }
    if (prev === 'stalled' && v.stalledSince != null) {
      v.stalledSeconds += (Date.now() - v.stalledSince) / 1000
      v.stalledSince = null
    }
    v.state = p.state
    return
  }
  const unavailableOnly = type === 'announceRefreshFailed' && p?.verdict === 'ORIGIN_UNAVAILABLE'
  if (type === 'fileRefused' || type === 'announceExpired' || (type === 'announceRefreshFailed' && !unavailableOnly)) {
    v.errors++
    record(i, 'error', type, p)
  } else {
    v.warnings++
    record(i, 'warning', type, p)
  }
}

async function open (i) {
  const context = await chromium.launchPersistentContext(`${profileDir}/viewer-${i}`, { executablePath, headless: true, args })
  contexts[i] = context
  await context.exposeFunction('__soakEvent', (type, p) => onPlayerEvent(i, type, p))
  await context.addInitScript(HOOK)
  const page = context.pages()[0] ?? await context.newPage()
  page.on('pageerror', (e) => { if (stopping) return; state[i].errors++; record(i, 'error', 'pageerror', e.message) })
  page.on('console', (m) => { if (!stopping && m.type() === 'error') { state[i].warnings++; record(i, 'warning', 'console', m.text()) } })
  page.on('crash', () => {
    state[i].errors++
    record(i, 'error', 'crash', 'page crashed; reloading')
    if (!stopping) { state[i].reloads++; page.reload().catch(() => {}) }
  })
  await page.goto(url)
  return page
}

function writeStatus () {
  const tmp = statusFile + '.tmp'
  const now = Date.now()
  const list = state.map((v) => ({
    ...v,
    stalledSeconds: v.stalledSeconds + (v.stalledSince != null ? (now - v.stalledSince) / 1000 : 0)
  }))
  writeFileSync(tmp, JSON.stringify({ at: new Date().toISOString(), viewers: list }))
  renameSync(tmp, statusFile)
}

async function stop () {
  if (stopping) return
  stopping = true
  writeStatus()
  await Promise.all(contexts.map((c) => c?.close().catch(() => {})))
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

const pages = []
for (let i = 0; i < viewers; i++) {
  pages.push(await open(i))
  await new Promise((resolve) => setTimeout(resolve, 3000)) // arrivals spread as in bench/viewers-js
}
writeStatus()
setInterval(async () => {
  await Promise.all(pages.map(async (p, i) => {
    try {
      const s = await p.evaluate(() => window.ownerless?.stats?.())
      if (s) {
        Object.assign(state[i], {
          verifiedSegments: s.verifiedSegments, rejectedSegments: s.rejectedSegments,
          httpBytes: s.httpBytes, p2pBytes: s.p2pBytes, latencySeconds: s.latencySeconds
        })
      }
    } catch { /* mid-reload: next time */ }
  }))
  if (!stopping) writeStatus()
}, 5000)
