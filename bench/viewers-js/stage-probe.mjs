// Where the time goes before a viewer gets a segment: polls a rendition's media playlist every 50 ms,
// notes when each new segment is listed (the node lists it only once its signed manifest covers it),
// fetches it, and reads the clock stripe from its first and last frames with ffmpeg. Per segment:
//   last frame's stamp -> listed: encoder, RTMP hop, waiting for the next keyframe to close the segment,
//   hashing and signing; first frame's stamp -> listed adds the segment's own duration.
// Prints one JSON summary (medians, p90). Polls and fetches are origin egress: run it outside a window
// whose origin bytes are being counted.
// Usage: node stage-probe.mjs PLAYLIST_URL SECONDS
import { spawn } from 'node:child_process'
import { STRIPE, STRIPE_DEPTH, decodeStamp, stampAge } from './clock-stripe.mjs'

const [playlistUrl, secondsArg] = process.argv.slice(2)
const seconds = Number(secondsArg)
if (!playlistUrl || !(seconds > 0)) {
  console.error('usage: node stage-probe.mjs PLAYLIST_URL SECONDS')
  process.exit(2)
}
const pct = (xs, q) => xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] : null

/** Grey top rows of every frame of a segment: [width, rows, bytes]. */
function stripeRows (bytes) {
  return new Promise((resolve, reject) => {
    const ff = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', 'pipe:0', '-vf',
      `crop=iw:ceil(iw*${STRIPE_DEPTH}/${STRIPE.cellsAcross}):0:0,format=gray`,
      '-f', 'rawvideo', 'pipe:1'], { stdio: ['pipe', 'pipe', 'inherit'] })
    const out = []
    ff.stdout.on('data', b => out.push(b))
    ff.on('error', reject)
    ff.on('close', code => code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`ffmpeg exited ${code}`)))
    ff.stdin.end(bytes)
  })
}

/** The stamp (epoch ms mod 2^32) in one grey frame, or null when its rows disagree. */
function readGray (gray, offset, width) {
  const cell = width / STRIPE.cellsAcross
  const bright = (x, y) => gray[offset + Math.floor(y) * width + Math.floor(x)] > 128
  return decodeStamp((i, row) => bright(cell * (STRIPE.firstColumn + i + 0.5), cell * (STRIPE.firstRow + row + 0.5)))
}

async function stampsOf (uri, listedAt, width) {
  const bytes = Buffer.from(await (await fetch(new URL(uri, playlistUrl))).arrayBuffer())
  const gray = await stripeRows(bytes)
  const frame = width * Math.ceil(width * STRIPE_DEPTH / STRIPE.cellsAcross)
  const first = readGray(gray, 0, width)
  const last = readGray(gray, gray.length - frame, width)
  return { firstToListed: first == null ? null : stampAge(listedAt, first), lastToListed: last == null ? null : stampAge(listedAt, last) }
}

const width = Number(process.env.OWNERLESS_SOURCE_WIDTH ?? 854)
const seen = new Set()
const results = []
const pending = []
let primed = false
const end = Date.now() + seconds * 1000
while (Date.now() < end) {
  const text = await (await fetch(playlistUrl)).text()
  const listedAt = Date.now()
  const uris = text.split('\n').filter(l => l && !l.startsWith('#'))
  for (const uri of uris) {
    if (seen.has(uri)) continue
    seen.add(uri)
    // Segments listed before the first poll: their listing time is unknown.
    if (primed) pending.push(stampsOf(uri, listedAt, width).then(r => results.push(r), () => {}))
  }
  primed = true
  await new Promise(resolve => setTimeout(resolve, 50))
}
await Promise.all(pending)
const last = results.map(r => r.lastToListed).filter(x => x != null).map(x => x / 1000)
const first = results.map(r => r.firstToListed).filter(x => x != null).map(x => x / 1000)
console.log(JSON.stringify({
  segments: results.length,
  unreadable: results.filter(r => r.lastToListed == null).length,
  lastFrameToListedP50: pct(last, 0.5),
  lastFrameToListedP90: pct(last, 0.9),
  firstFrameToListedP50: pct(first, 0.5),
  firstFrameToListedP90: pct(first, 0.9)
}))
