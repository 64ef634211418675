// The P2P engine's configuration for one stream: who we meet (trackers from the signed announce, one
// swarm per stream identity and rendition, whichever origin each viewer came through), how far ahead
// we fetch from peers and HTTP for each latency mode, and the verification hooks.

/** Segment-count based live settings per latency mode: how far behind the newest segment we play. */
export const LATENCY_MODES = {
  // Near the edge: little time to find a peer that has the newest segment, so HTTP does most work.
  low: { liveSyncDurationCount: 2, liveMaxLatencyDurationCount: 4, highDemandSegments: 1.5, p2pSegments: 3 },
  // A few segments back: segments enter the P2P window well before they are needed.
  normal: { liveSyncDurationCount: 4, liveMaxLatencyDurationCount: 8, highDemandSegments: 2, p2pSegments: 6 }
}

export function swarmId (address) {
  // The creator's key and the stream name identify the stream; the rendition is added by the engine
  // (from the signed bandwidth/codecs/resolution of the synthesized master playlist).
  return `ownerless-v1:${address.pub}/${address.name}`
}

export function coreConfig ({ address, announce, session, verifier, mode, segmentSeconds }) {
  const m = LATENCY_MODES[mode]
  const seconds = Math.max(1, segmentSeconds)
  const pending = new Map() // virtual URL -> origin base used for its last HTTP request
  const config = {
    swarmId: swarmId(address),
    announceTrackers: announce.trackers.slice(0, 4),
    rtcConfig: { iceServers: [] },
    highDemandTimeWindow: m.highDemandSegments * seconds,
    httpDownloadTimeWindow: m.highDemandSegments * seconds,
    p2pDownloadTimeWindow: m.p2pSegments * seconds,
    simultaneousHttpDownloads: 2,
    simultaneousP2PDownloads: 3,
    httpNotReceivingBytesTimeoutMs: 3000,
    p2pNotReceivingBytesTimeoutMs: 1500,
    httpErrorRetries: 3,
    p2pErrorRetries: 3,
    httpRequestSetup: async (segmentUrl, segmentByteRange, signal, requestByteRange) => {
      const target = session.originUrlFor(segmentUrl)
      if (!target) return null
      pending.set(segmentUrl, target.base)
      const headers = {}
      if (requestByteRange) {
        headers.Range = `bytes=${requestByteRange.start}-${requestByteRange.end ?? ''}`
      }
      return new Request(target.url, { signal, headers, credentials: 'omit', cache: 'default' })
    },
    validateHTTPSegment: async (url, byteRange, data) => {
      const ok = await verifier.verify(url, data, 'http')
      const base = pending.get(url)
      pending.delete(url)
      // The engine retries a refused segment: the next try goes to the next origin.
      if (!ok && base) session.origins.markBad(base, 'served a segment that is not the signed one')
      return ok
    },
    validateP2PSegment: async (url, byteRange, data) => verifier.verify(url, data, 'p2p')
  }
  return config
}
