// Puts one stream on a <video>: verify the announce, build hls.js with the P2P engine around the
// verifying loaders, and wire the parts together on one event bus (events.js). Everything the player
// gets passed through StreamTrust and SegmentVerifier first; what happened travels as events to the
// listeners that keep a view of it (Stats, EventLog, PlaybackState, and the page).

import Hls from 'hls.js';
import { HlsJsP2PEngine } from 'p2p-media-loader-hlsjs';
import { coreConfig, LATENCY_MODES } from './delivery.js';
import { EventBus, Events } from './events.js';
import { EventLog } from './event-log.js';
import { installBoundedFetch } from './engine-fetch.js';
import { LiveDistance, partSecondsOf } from './live-distance.js';
import { EngineHttp } from './engine-http.js';
import { verifiedFragmentLoaderClass } from './final-check.js';
import { ownerlessLoaderClass } from './ownerless-loader.js';
import { Origins } from './origins.js';
import { PartSeeding } from './part-seeding.js';
import { PlaybackState } from './playback-state.js';
import { PlaybackWatch } from './playback-watch.js';
import { SegmentVerifier } from './segment-verifier.js';
import { Session } from './session.js';
import { Stats } from './stats.js';
import { StreamAddress } from './stream-address.js';
import { StreamTrust } from './stream-trust.js';
import { AnnounceFollower } from './announce-follower.js';

const HlsWithP2P = HlsJsP2PEngine.injectMixin(Hls);
const DEFAULT_SEGMENT_SECONDS = 1;
/** How long a rendition that failed stays out of hls.js's choice (long enough not to flap on a broken one). */
const RENDITION_PENALTY_MS = 20_000;

export class Viewer {
  /**
   * `early`: the page's EarlyFetches (early-fetches.js), if it started any. `place`: where in its
   * mode's spread this viewer plays, 0 (closest) to 1 (LATENCY_MODES); drawn at random when not given.
   * `debug`: hls.js logs to the console (page-address.js, ?debug=hls).
   */
  constructor({ pub, name, hint, video, latency, place = null, early = null, debug = false }) {
    this.address = new StreamAddress(pub, name);
    this.video = video;
    this.requestedLatency = latency;
    this.place = Number.isFinite(place) ? place : Math.random();
    this.debug = debug === true;
    this.bus = new EventBus();
    // Listeners first, so that they hear everything from the first fetch on.
    this.stats = new Stats(this.bus);
    this.eventLog = new EventLog(this.bus);
    this.playbackState = new PlaybackState(this.bus);
    this.origins = new Origins(hint, this.bus);
    this.trust = new StreamTrust(this.address, this.origins, this.bus, early);
    this.verifier = new SegmentVerifier(this.address, this.trust, this.bus);
    this.session = new Session(this.address, this.origins, this.trust, this.verifier, this.bus);
    this.engineHttp = new EngineHttp(this.session, this.verifier);
    this.seeding = new PartSeeding(this.address, this.trust, this.bus, (url, bytes) => this.storeSeeded(url, bytes));
    this.hls = null;
    this.watch = null;
    this.follower = new AnnounceFollower(this.trust, this.bus);
    // Expiry is enforced while playing (protocol §3): with no unexpired announce, playback stops.
    this.bus.on(Events.ANNOUNCE_EXPIRED, () => this.stopPlayback());
    // Heard before hls.js reads the playlist: it plays the first one with parts at the part distance.
    this.bus.on(Events.MEDIA_PLAYLIST_WRITTEN, ({ root }) => this.followParts(root));
  }

  /** Resolves with the verified announce once playback is set up; a failure leaves state untrusted/failed. */
  async start() {
    let announce;
    try {
      announce = await this.trust.loadAnnounce();
    } catch (e) {
      this.playbackState.announceFailed(e);
      throw e;
    }
    this.mode = LATENCY_MODES[this.requestedLatency] ? this.requestedLatency : announce.latency;
    this.bus.emit(Events.LATENCY_MODE_CHOSEN, { mode: this.mode });
    if (!Hls.isSupported()) {
      this.playbackState.set('failed', 'this browser cannot play HLS with Media Source Extensions');
      return announce;
    }
    const { segmentSeconds, partSeconds } = await this.measure(announce);
    // Where this viewer sits in its mode's spread of distances, drawn once: see LATENCY_MODES.
    this.distance = new LiveDistance(this.mode, segmentSeconds, this.place, partSeconds);
    this.session.listParts = this.distance.playsParts;
    this.hls = this.createHls(announce);
    this.watch = new PlaybackWatch({
      bus: this.bus,
      video: this.video,
      hls: this.hls,
      playbackState: this.playbackState,
    });
    this.hls.loadSource(this.address.masterUrl());
    this.hls.attachMedia(this.video);
    this.watch.start();
    // Re-read the announce as often as the node re-signs it: newer origins, status and tips are
    // adopted (ANNOUNCE_UPDATED), and an announce that expires with no newer one stops playback.
    this.follower.start();
    return announce;
  }

  createHls(announce) {
    const d = this.distance.current;
    // The engine fetches through the page's fetch: bound its segment requests (engine-fetch.js).
    installBoundedFetch(window);
    this.bus.emit(Events.LIVE_DISTANCE_DRAWN, { seconds: d.liveSyncDuration });
    const hls = new HlsWithP2P({
      debug: this.debug,
      loader: ownerlessLoaderClass(this.session),
      workerPath: new URL('hls.worker.js', import.meta.url).href,
      // lowLatencyMode lets hls.js load the LL-HLS parts our `low` playlists list when the stream signs
      // them; in every mode it is also what makes hls.js speed playback up (to maxLiveSyncPlaybackRate)
      // when a stall has left it behind its target, instead of drifting. Our liveSyncDuration, not the
      // playlist's PART-HOLD-BACK, sets the distance (LiveDistance, delivery.js partDistance).
      lowLatencyMode: true,
      liveSyncDuration: d.liveSyncDuration,
      liveMaxLatencyDuration: d.liveMaxLatencyDuration,
      liveSyncOnStallIncrease: d.liveSyncOnStallIncrease,
      maxLiveSyncPlaybackRate: 1.1,
      maxBufferLength: 12,
      backBufferLength: 30,
      // Ask for the first segment as soon as its playlist is written: without this hls.js waits for the
      // <video>'s MediaSource to open (tens of ms after the verified playlist here) and then for its next
      // 100 ms tick (bench/first-frame.sh: the first segment was asked for ~90 ms after its playlist).
      startFragPrefetch: true,
      // Start playing where the first segment begins (a keyframe: every segment starts with one), not
      // at the drawn distance inside it: Chromium would first decode from that keyframe up to the start
      // point before showing a frame (bench/first-frame.sh: ~65 ms of the watch page's first frame).
      // The start is then up to one segment further back than the distance, which hls.js closes by
      // playing slightly faster (maxLiveSyncPlaybackRate) over the first seconds.
      startOnSegmentBoundary: true,
      // A rendition hls.js put in its penalty box after an error (a parse error, a failed load) is
      // eligible again after this long; hls.js's default, never, kept a viewer on its lowest rendition
      // for good after one transient error (bench/latency-offload.sh: LL-HLS edge viewers left on 240p
      // by one "no media found" part under CPU load, out of their swarm, for the rest of the run).
      errorPenaltyExpireMs: RENDITION_PENALTY_MS,
      manifestLoadPolicy: retries(2),
      playlistLoadPolicy: retries(4),
      fragLoadPolicy: retries(6),
      p2p: {
        core: coreConfig({
          address: this.address,
          announce,
          engineHttp: this.engineHttp,
          verifier: this.verifier,
          distances: d,
        }),
        onHlsJsCreated: (created) => this.bindEngine(created),
      },
    });
    // Parts skip the engine's loader for ours (final-check.js): peers exchange whole segments only,
    // which a viewer playing parts puts together from them and shares (part-seeding.js).
    hls.config.fLoader = verifiedFragmentLoaderClass(
      hls.config.fLoader,
      this.verifier,
      hls.config.loader,
      (url, data) => this.seeding.partVerified(url, data),
    );
    // Heard after the engine's own handler, so the engine lists the playlist's segments by now.
    hls.on(Hls.Events.LEVEL_UPDATED, (_, d) => {
      const rendition = this.distance.playsParts ? this.renditionOf(hls.levels[d.level]) : null;
      const root = rendition ? this.session.playlistRoots.get(rendition) : null;
      if (root) void this.seeding.seed(rendition, root);
    });
    hls.on(Hls.Events.LEVEL_SWITCHED, (_, d) => {
      // hls.js orders levels by bandwidth, not as the announce lists them: name them by their URL.
      this.bus.emit(Events.RENDITION_SWITCHED, { rendition: this.renditionOf(hls.levels[d.level]) });
    });
    hls.on(Hls.Events.ERROR, (_, d) => {
      if (d.fatal) this.onFatal(d);
    });
    return hls;
  }

  /**
   * The stream's segment length, and its part length if it signs parts, from its first signed
   * manifest: the P2P windows are sized in segments, the distance of a mode that plays parts in parts.
   */
  async measure(announce) {
    try {
      const root = await this.trust.refreshManifest(announce.renditions[0].name);
      const durations = root.window.map((e) => e.durationUs).sort((a, b) => a - b);
      return {
        segmentSeconds: durations.length ? durations[durations.length >> 1] / 1e6 : DEFAULT_SEGMENT_SECONDS,
        partSeconds: partSecondsOf(root),
      };
    } catch {
      return { segmentSeconds: DEFAULT_SEGMENT_SECONDS, partSeconds: 0 };
    }
  }

  /** Moves hls.js to the part distance when parts first appear after the distance was drawn. */
  followParts(root) {
    const d = this.hls ? this.distance.partsSeen(root) : null;
    if (!d) return;
    this.hls.config.liveSyncDuration = d.liveSyncDuration;
    this.hls.config.liveMaxLatencyDuration = d.liveMaxLatencyDuration;
    this.bus.emit(Events.LIVE_DISTANCE_DRAWN, { seconds: d.liveSyncDuration });
  }

  /** Hands a segment joined from verified parts to the P2P engine (tools/seed-from-parts-patch.mjs). */
  async storeSeeded(url, bytes) {
    const core = this.hls?.p2pEngine?.core;
    return core?.storeVerifiedSegment ? core.storeVerifiedSegment(url, bytes) : 'unknown';
  }

  /** The P2P engine's own events, said again as the player's. */
  bindEngine(hls) {
    const engine = hls.p2pEngine;
    const emit = (event, payload) => this.bus.emit(event, payload);
    engine.addEventListener('onChunkDownloaded', (bytes, source) =>
      emit(Events.BYTES_DOWNLOADED, { bytes, source: source === 'p2p' ? 'p2p' : 'http' }),
    );
    engine.addEventListener('onChunkUploaded', (bytes) => emit(Events.BYTES_UPLOADED, { bytes }));
    // Downloads from peers in progress, by segment URL: when each started (the engine has one per segment).
    const p2pStarts = new Map();
    const p2pEnded = (url, outcome) => {
      const started = p2pStarts.get(url);
      p2pStarts.delete(url);
      emit(Events.P2P_TRY_ENDED, { outcome, ms: started === undefined ? undefined : performance.now() - started });
    };
    engine.addEventListener('onSegmentStart', (d) => {
      if (d.downloadSource === 'p2p' && p2pStarts.size < 64) p2pStarts.set(d.segment.url, performance.now());
    });
    engine.addEventListener('onSegmentError', (e) => {
      this.engineHttp.failed(e);
      if (e.downloadSource === 'p2p') p2pEnded(e.segment.url, String(e.error?.type ?? 'failed'));
    });
    engine.addEventListener('onSegmentLoaded', (d) => {
      if (d.downloadSource === 'p2p') p2pEnded(d.segmentUrl, 'loaded');
    });
    engine.addEventListener('onSegmentAbort', (d) => {
      if (d.downloadSource === 'p2p') p2pEnded(d.segment.url, 'aborted');
    });
    engine.addEventListener('onPeerConnect', (p) => emit(Events.PEER_CONNECTED, { peerId: p.peerId }));
    engine.addEventListener('onPeerClose', (p) => emit(Events.PEER_CLOSED, { peerId: p.peerId }));
    engine.addEventListener('onTrackerError', (e) =>
      emit(Events.TRACKER_ERROR, { message: String(e.error?.message ?? e.error) }),
    );
  }

  onFatal(d) {
    // PlaybackState tells a trust failure (the last refusal was of a signed object) from any other.
    if (this.playbackState.playerFailed(`${d.type}: ${d.details}`)) this.hls.destroy();
  }

  renditionOf(level) {
    const url = Array.isArray(level?.url) ? level.url[0] : level?.url;
    const where = url ? this.address.parse(url) : null;
    return where?.kind === 'media' ? where.rendition : null;
  }

  /** Stops loading and playing (the page says why: PlaybackState heard the same event). */
  stopPlayback() {
    this.follower.stop();
    this.watch?.stop();
    this.hls?.destroy();
    this.hls = null;
    this.video.pause?.();
  }

  destroy() {
    this.stopPlayback();
  }
}

function retries(n) {
  const rule = { maxNumRetry: n, retryDelayMs: 500, maxRetryDelayMs: 4000 };
  return { default: { maxTimeToFirstByteMs: 10000, maxLoadTimeMs: 20000, timeoutRetry: rule, errorRetry: rule } };
}
