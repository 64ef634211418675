// Puts one stream on a <video>: verify the announce, build hls.js with the P2P engine around the
// verifying loaders, keep the state and stats current. Everything the player gets passed through
// StreamTrust and SegmentVerifier first.

import Hls from 'hls.js';
import { HlsJsP2PEngine } from 'p2p-media-loader-hlsjs';
import { coreConfig, LATENCY_MODES, liveDistances } from './delivery.js';
import { verifiedFragmentLoaderClass } from './final-check.js';
import { ownerlessLoaderClass } from './ownerless-loader.js';
import { Origins } from './origins.js';
import { SegmentVerifier } from './segment-verifier.js';
import { Session } from './session.js';
import { Stats } from './stats.js';
import { StreamAddress } from './stream-address.js';
import { StreamTrust } from './stream-trust.js';

const HlsWithP2P = HlsJsP2PEngine.injectMixin(Hls);
const DEFAULT_SEGMENT_SECONDS = 1;

export class Viewer {
  constructor({ pub, name, hint, video, latency }) {
    this.address = new StreamAddress(pub, name);
    this.video = video;
    this.requestedLatency = latency;
    this.stats = new Stats();
    this.events = [];
    this.origins = new Origins(hint, (change) => this.log('origin', `${change.from} → ${change.to}: ${change.reason}`));
    this.trust = new StreamTrust(this.address, this.origins, {
      onRejectedFile: (base, file, problem, message) =>
        this.log('refused', `${file} from ${base}: ${problem} ${message}`),
    });
    this.verifier = new SegmentVerifier(this.address, this.trust, this.stats);
    this.session = new Session(this.address, this.origins, this.trust, this.verifier, this.stats);
    this.hls = null;
  }

  log(kind, text) {
    this.events.push({ atMs: Date.now(), kind, text });
    if (this.events.length > 100) this.events.shift();
  }

  /** Resolves with the verified announce once playback is set up; a failure leaves state untrusted/failed. */
  async start() {
    let announce;
    try {
      announce = await this.trust.loadAnnounce();
    } catch (e) {
      this.stats.setState(e.problem === 'UNAVAILABLE' ? 'failed' : 'untrusted', e.message);
      throw e;
    }
    this.mode = LATENCY_MODES[this.requestedLatency] ? this.requestedLatency : announce.latency;
    if (!Hls.isSupported()) {
      this.stats.setState('failed', 'this browser cannot play HLS with Media Source Extensions');
      return announce;
    }
    this.segmentSeconds = await this.measureSegmentSeconds(announce);
    this.hls = this.createHls(announce);
    this.hls.loadSource(this.address.masterUrl());
    this.hls.attachMedia(this.video);
    this.watchPlayback();
    this.followAnnounce();
    return announce;
  }

  createHls(announce) {
    // Where this viewer sits in its mode's spread of distances, drawn once: see LATENCY_MODES.
    const d = liveDistances(this.mode, this.segmentSeconds, Math.random());
    this.stats.targetLatencySeconds = d.liveSyncDuration;
    const hls = new HlsWithP2P({
      loader: ownerlessLoaderClass(this.session),
      workerPath: new URL('hls.worker.js', import.meta.url).href,
      // Our playlists have no parts; lowLatencyMode is what makes hls.js speed playback up (to
      // maxLiveSyncPlaybackRate) when a stall has left it behind its target, instead of drifting.
      lowLatencyMode: true,
      liveSyncDuration: d.liveSyncDuration,
      liveMaxLatencyDuration: d.liveMaxLatencyDuration,
      maxLiveSyncPlaybackRate: 1.1,
      maxBufferLength: 12,
      backBufferLength: 30,
      manifestLoadPolicy: retries(2),
      playlistLoadPolicy: retries(4),
      fragLoadPolicy: retries(6),
      p2p: {
        core: coreConfig({
          address: this.address,
          announce,
          session: this.session,
          verifier: this.verifier,
          distances: d,
        }),
        onHlsJsCreated: (created) => this.bindEngine(created),
      },
    });
    hls.config.fLoader = verifiedFragmentLoaderClass(hls.config.fLoader, this.verifier, this.stats);
    hls.on(Hls.Events.LEVEL_SWITCHED, (_, d) => {
      // hls.js orders levels by bandwidth, not as the announce lists them: name them by their URL.
      this.stats.rendition = this.renditionOf(hls.levels[d.level]);
      this.stats.changed();
    });
    hls.on(Hls.Events.ERROR, (_, d) => {
      if (d.fatal) this.onFatal(d);
    });
    return hls;
  }

  /** The stream's segment length, from its first signed manifest: the P2P windows are sized in segments. */
  async measureSegmentSeconds(announce) {
    try {
      const root = await this.trust.refreshManifest(announce.renditions[0].name);
      const durations = root.window.map((e) => e.durationUs).sort((a, b) => a - b);
      return durations.length ? durations[durations.length >> 1] / 1e6 : DEFAULT_SEGMENT_SECONDS;
    } catch {
      return DEFAULT_SEGMENT_SECONDS;
    }
  }

  bindEngine(hls) {
    const engine = hls.p2pEngine;
    engine.addEventListener('onChunkDownloaded', (bytes, source) => {
      if (source === 'p2p') this.stats.p2pBytes(bytes);
      else this.stats.httpBytes(bytes);
    });
    engine.addEventListener('onChunkUploaded', (bytes) => this.stats.uploaded(bytes));
    engine.addEventListener('onPeerConnect', (p) => this.stats.peerConnected(p.peerId));
    engine.addEventListener('onPeerClose', (p) => this.stats.peerClosed(p.peerId));
    engine.addEventListener('onTrackerError', (e) => this.log('tracker', String(e.error?.message ?? e.error)));
  }

  onFatal(d) {
    const untrusted = this.trustProblem();
    if (untrusted) {
      this.stats.setState('untrusted', untrusted);
      this.hls.destroy();
      return;
    }
    this.stats.setState('failed', `${d.type}: ${d.details}`);
  }

  /** A refusal of the stream's own signed objects (not of one bad segment) makes it untrusted. */
  trustProblem() {
    const last = this.events.findLast((e) => e.kind === 'refused');
    return last && !/UNAVAILABLE/.test(last.text) ? last.text : null;
  }

  watchPlayback() {
    const v = this.video;
    let lastTime = -1;
    const tick = () => {
      if (!this.hls) return;
      const latency = this.behindLiveSeconds();
      this.stats.latencySeconds = latency == null ? null : Math.round(latency * 100) / 100;
      if (v.currentTime !== lastTime && !v.paused) this.stats.setState('playing');
      else if (this.stats.state === 'playing' && v.readyState < 3) this.stats.setState('stalled');
      lastTime = v.currentTime;
      this.stats.sample();
    };
    this.timer = setInterval(tick, 1000);
    v.addEventListener('playing', () => this.stats.setState('playing'));
    v.addEventListener('waiting', () => {
      if (this.stats.state === 'playing') this.stats.setState('stalled');
    });
  }

  renditionOf(level) {
    const url = Array.isArray(level?.url) ? level.url[0] : level?.url;
    const where = url ? this.address.parse(url) : null;
    return where?.kind === 'media' ? where.rendition : null;
  }

  /**
   * How far behind real time the picture is, as far as the signed objects tell: the age of the
   * newest manifest of the playing rendition (signed the moment its last segment was complete) plus
   * how much media lies between the playhead and that segment's end. It leaves out only the
   * encoder's own delay before a segment closes, so it is close to glass-to-glass latency.
   */
  behindLiveSeconds() {
    const level = this.hls.levels?.[this.hls.currentLevel];
    const root = this.stats.lastRoot.get(this.stats.rendition);
    const edge = level?.details?.edge;
    if (!root || !Number.isFinite(edge) || this.video.readyState === 0) return null;
    return Math.max(0, (Date.now() - root.timeMs) / 1000 + (edge - this.video.currentTime));
  }

  /** Re-reads the announce now and then: it may end the stream, add origins, or be rolled back (refused). */
  followAnnounce() {
    this.announceTimer = setInterval(async () => {
      try {
        await this.trust.loadAnnounce();
      } catch (e) {
        if (e.problem !== 'UNAVAILABLE') this.log('refused', `announce: ${e.problem} ${e.message}`);
      }
    }, 15000);
  }

  destroy() {
    clearInterval(this.timer);
    clearInterval(this.announceTimer);
    this.hls?.destroy();
  }
}

function retries(n) {
  const rule = { maxNumRetry: n, retryDelayMs: 500, maxRetryDelayMs: 4000 };
  return { default: { maxTimeToFirstByteMs: 10000, maxLoadTimeMs: 20000, timeoutRetry: rule, errorRetry: rule } };
}
