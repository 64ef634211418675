// A stand-in for the native webrtc-polyfill (node-datachannel), which `npm install --ignore-scripts`
// leaves unbuilt. The tracker only relays signaling, so the client needs RTCPeerConnection objects that
// produce offers and answers; this one makes SDP text that names its connection, and records every
// remote description it is given, so the test can prove an offer and its answer crossed the tracker.

let nextId = 1
export const connections = []

export class RTCSessionDescription {
  constructor (init) {
    this.type = init.type
    this.sdp = init.sdp
  }
}

export class RTCIceCandidate {
  constructor (init) {
    Object.assign(this, init)
  }
}

class FakeDataChannel {
  constructor (label) {
    this.label = label
    this.readyState = 'connecting'
    this.bufferedAmount = 0
    this.bufferedAmountLowThreshold = 0
    this.binaryType = 'blob'
  }

  send () {
    throw new Error('fake data channel never opens')
  }

  close () {
    this.readyState = 'closed'
  }
}

export class RTCPeerConnection {
  constructor (config) {
    this.id = nextId++
    this.config = config
    this.initiator = false
    this.localDescription = null
    this.remoteDescription = null
    this.signalingState = 'stable'
    this.iceGatheringState = 'new'
    this.iceConnectionState = 'new'
    this.connectionState = 'new'
    this.received = []
    connections.push(this)
  }

  createDataChannel (label) {
    this.initiator = true
    return new FakeDataChannel(label)
  }

  sdp (type) {
    return `v=0\r\no=- ${this.id} 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=ownerless-fake:${this.id}:${type}\r\n`
  }

  async createOffer () {
    return { type: 'offer', sdp: this.sdp('offer') }
  }

  async createAnswer () {
    return { type: 'answer', sdp: this.sdp('answer') }
  }

  async setLocalDescription (d) {
    this.localDescription = new RTCSessionDescription(d)
    // Non-trickle peers wait for the end of candidate gathering before signaling.
    this.iceGatheringState = 'complete'
    queueMicrotask(() => this.onicecandidate?.({ candidate: null }))
  }

  async setRemoteDescription (d) {
    this.remoteDescription = new RTCSessionDescription(d)
    this.received.push({ type: d.type, sdp: d.sdp })
  }

  async addIceCandidate () {}

  async getStats () {
    return new Map()
  }

  close () {
    this.signalingState = 'closed'
  }
}

/** Which fake connection wrote this SDP, and as offer or answer; null for foreign text. */
export function author (sdp) {
  const m = /a=ownerless-fake:(\d+):(offer|answer)/.exec(sdp || '')
  return m ? { id: Number(m[1]), type: m[2] } : null
}
