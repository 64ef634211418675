// Two real bittorrent-tracker clients meet on the tracker given as argv[2]. Prints one JSON object
// with what each step observed; NpmTrackerClientTest asserts on it. Exits non-zero on a timeout.
import Client from 'bittorrent-tracker'
import { connections, author } from './fake-webrtc.js'

const url = process.argv[2]
// Bytes above 0x7f in both ids: on the wire they are latin-1 code points, not UTF-8 or hex.
const infoHash = 'ff00' + 'a1'.repeat(18)
const peerA = '2d4f4c303030312d' + 'e9'.repeat(12)
const peerB = '2d4f4c303030312d' + '7b'.repeat(12)
const result = { warnings: [] }

// The client pools one socket per announce URL in a process; a query tag gives each viewer its own
// connection, as two browsers would have.
function client (peerId, tag) {
  const c = new Client({ infoHash, peerId, announce: [`${url}?viewer=${tag}`], port: 6881 })
  c.on('warning', err => result.warnings.push(String(err.message)))
  c.on('error', err => result.warnings.push('error: ' + String(err.message)))
  return c
}

function next (emitter, event, ms = 10000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${ms} ms`)), ms)
    emitter.once(event, data => {
      clearTimeout(timer)
      resolve(data)
    })
  })
}

/** An offer made by one fake connection and answered by another, both sides recorded. */
function roundTrip () {
  for (const answerer of connections) {
    for (const got of answerer.received) {
      const offer = author(got.sdp)
      if (got.type !== 'offer' || !offer) continue
      const offerer = connections.find(c => c.id === offer.id)
      const back = offerer?.received.find(r => r.type === 'answer' && author(r.sdp)?.id === answerer.id)
      if (back) return { offerer: offerer.id, answerer: answerer.id }
    }
  }
  return null
}

async function until (test, ms = 10000) {
  const end = Date.now() + ms
  for (;;) {
    const v = test()
    if (v) return v
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

const pick = r => ({ complete: r.complete, incomplete: r.incomplete, downloaded: r.downloaded })
const a = client(peerA, 'a')
const b = client(peerB, 'b')
try {
  a.start()
  result.firstAnnounce = pick(await next(a, 'update'))
  const idsBefore = connections.length
  const offersBefore = connections.filter(c => c.initiator).length
  b.start()
  result.secondAnnounce = pick(await next(b, 'update'))
  result.offersGenerated = connections.filter(c => c.initiator).length - offersBefore
  result.roundTrip = await until(roundTrip)
  // Connections are numbered in creation order: B's offers were made after A's first announce.
  result.offererIsB = result.roundTrip.offerer > idsBefore &&
    connections.find(c => c.id === result.roundTrip.offerer).initiator

  a.complete({ left: 0 })
  result.afterComplete = pick(await next(a, 'update'))
  b.scrape()
  result.scrapeBoth = pick(await next(b, 'scrape'))

  a.stop()
  result.afterStop = pick(await next(a, 'update'))
  b.scrape()
  result.scrapeAfterStop = pick(await next(b, 'scrape'))
} catch (err) {
  result.failure = String(err.message)
}
a.destroy()
b.destroy()
console.log(JSON.stringify(result))
process.exit(result.failure ? 1 : 0)
