// What the viewer did and where its bytes came from, for the stats panel, the chart and
// window.ownerless.stats(). Rejections are kept as a short log so the page can say what was refused.

const HISTORY = 120; // samples, one per second: two minutes of chart
const LOG = 50;

export class Stats {
  constructor() {
    this.counters = { httpBytes: 0, p2pBytes: 0, uploadedBytes: 0, verifiedSegments: 0, rejectedSegments: 0 };
    this.peers = new Set();
    this.state = 'loading';
    this.message = '';
    this.rendition = null;
    this.latencySeconds = null;
    this.targetLatencySeconds = null;
    this.rejections = [];
    this.history = [];
    this.lastRoot = new Map();
    this.listeners = new Set();
  }

  httpBytes(n) {
    this.counters.httpBytes += n;
  }
  p2pBytes(n) {
    this.counters.p2pBytes += n;
  }
  uploaded(n) {
    this.counters.uploadedBytes += n;
  }
  verified() {
    this.counters.verifiedSegments++;
  }
  peerConnected(id) {
    this.peers.add(id);
  }
  peerClosed(id) {
    this.peers.delete(id);
  }
  manifest(rendition, root) {
    this.lastRoot.set(rendition, root);
  }

  rejected(source, url, problem, message) {
    this.counters.rejectedSegments++;
    this.rejections.push({ atMs: Date.now(), source, url, problem, message });
    if (this.rejections.length > LOG) this.rejections.shift();
    this.changed();
  }

  setState(state, message = '') {
    // untrusted is final: nothing later may make an unverifiable stream look fine.
    if (this.state === 'untrusted' || (this.state === state && this.message === message)) return;
    this.state = state;
    this.message = message;
    this.changed();
  }

  sample() {
    const { httpBytes, p2pBytes } = this.counters;
    this.history.push({ atMs: Date.now(), httpBytes, p2pBytes, latencySeconds: this.latencySeconds });
    if (this.history.length > HISTORY) this.history.shift();
    this.changed();
  }

  onChange(f) {
    this.listeners.add(f);
  }

  changed() {
    for (const f of this.listeners) f(this);
  }

  /** The PRODUCT.md automation hook's object (a fresh copy each call). */
  snapshot() {
    const total = this.counters.httpBytes + this.counters.p2pBytes;
    return {
      ...this.counters,
      p2pShare: total ? this.counters.p2pBytes / total : 0,
      peers: this.peers.size,
      rendition: this.rendition,
      latencySeconds: this.latencySeconds,
      targetLatencySeconds: this.targetLatencySeconds,
      state: this.state,
      message: this.message,
      rejections: this.rejections.map((r) => ({ ...r })),
    };
  }
}
