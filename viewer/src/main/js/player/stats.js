// What the viewer did and where its bytes came from, for the stats panel, the chart and
// window.ownerless.stats(), kept from the player's events. Rejected segments are kept as a short log
// so the page can say what was refused. Emits STATS_UPDATED when something the page shows changed.

import { Events } from './events.js';
import { FileKind } from './trust-verdict.js';
import { httpFetchReasons } from './http-turn.js';
import { TryDurations } from './try-durations.js';

const HISTORY = 120; // samples, one per second: two minutes of chart
const LOG = 50;

export class Stats {
  constructor(bus) {
    this.bus = bus;
    this.counters = {
      httpBytes: 0,
      p2pBytes: 0,
      uploadedBytes: 0,
      verifiedSegments: 0,
      verifiedParts: 0,
      rejectedSegments: 0,
      seededSegments: 0,
    };
    this.peers = new Set();
    this.state = 'loading';
    this.message = '';
    this.rendition = null;
    this.latencySeconds = null;
    this.targetLatencySeconds = null;
    this.rejections = [];
    this.history = [];
    // How segment downloads from peers ended, by outcome (few distinct ones: the engine's error types).
    this.p2pTries = {};
    this.p2pTryMs = new TryDurations();

    bus.on(Events.BYTES_DOWNLOADED, ({ bytes, source }) => {
      if (source === 'p2p') this.counters.p2pBytes += bytes;
      else this.counters.httpBytes += bytes;
    });
    bus.on(Events.BYTES_UPLOADED, ({ bytes }) => {
      this.counters.uploadedBytes += bytes;
    });
    bus.on(Events.SEGMENT_VERIFIED, ({ source, part }) => {
      // One count per segment handed to hls.js; the P2P engine's hooks verified most of them before.
      // Parts count among the segments too, and apart, so a page can tell it plays LL-HLS parts.
      if (source !== 'player') return;
      this.counters.verifiedSegments++;
      if (part) this.counters.verifiedParts++;
    });
    // Segments a viewer playing parts put together from them and shared (part-seeding.js).
    bus.on(Events.SEGMENT_SEEDED, () => this.counters.seededSegments++);
    bus.on(Events.FILE_REFUSED, (r) => {
      if (r.kind === FileKind.SEGMENT) this.rejected(r);
    });
    bus.on(Events.P2P_TRY_ENDED, ({ outcome, ms }) => {
      this.p2pTries[outcome] = (this.p2pTries[outcome] ?? 0) + 1;
      this.p2pTryMs.add(outcome, ms);
    });
    bus.on(Events.PEER_CONNECTED, ({ peerId }) => this.peers.add(peerId));
    bus.on(Events.PEER_CLOSED, ({ peerId }) => this.peers.delete(peerId));
    bus.on(Events.LIVE_DISTANCE_DRAWN, ({ seconds }) => {
      this.targetLatencySeconds = seconds;
    });
    bus.on(Events.RENDITION_SWITCHED, ({ rendition }) => {
      this.rendition = rendition;
      this.changed();
    });
    bus.on(Events.STATE_CHANGED, ({ state, message }) => {
      this.state = state;
      this.message = message;
      this.changed();
    });
    bus.on(Events.PLAYBACK_SAMPLED, ({ latencySeconds }) => this.sample(latencySeconds));
  }

  rejected({ source, file, problem, message }) {
    this.counters.rejectedSegments++;
    this.rejections.push({ atMs: Date.now(), source, url: file, problem, message });
    if (this.rejections.length > LOG) this.rejections.shift();
    this.changed();
  }

  sample(latencySeconds) {
    this.latencySeconds = latencySeconds;
    const { httpBytes, p2pBytes } = this.counters;
    this.history.push({ atMs: Date.now(), httpBytes, p2pBytes, latencySeconds });
    if (this.history.length > HISTORY) this.history.shift();
    this.changed();
  }

  changed() {
    this.bus.emit(Events.STATS_UPDATED, { snapshot: this.snapshot(), history: this.history });
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
      httpFetches: { ...httpFetchReasons },
      p2pTries: { ...this.p2pTries },
      p2pTryMs: this.p2pTryMs.summary(),
    };
  }
}
