// The P2P engine's configuration for one stream: who we meet (trackers from the signed announce, one
// swarm per stream identity and rendition, whichever origin each viewer came through), how far ahead
// we fetch from peers and HTTP for each latency mode, and the verification hooks.

import { PART_HOLD_BACK_TARGETS } from './playlists.js';

/**
 * Live settings per latency mode, in seconds of media. Each viewer plays a distance behind the newest
 * segment drawn once from [syncSeconds, syncSeconds + spreadSeconds], and hls.js holds it there (it
 * speeds playback up slightly after a stall). A new segment is fetched over HTTP by one viewer and
 * taken from it by the others: a segment becomes fetchable over HTTP `httpSeconds` before the viewer
 * plays it; each viewer then waits a random moment of up to `tieBreakSeconds`, and for any peer that
 * has the segment or is fetching it until only `urgentSeconds` are left (player/http-turn.js). The
 * spread of distances puts most viewers well behind the first, where the segment reaches them from
 * peers before it is fetchable for them at all. Distances never go below `minSyncSegments`
 * segments: hls.js cannot play inside the newest segment of a live playlist.
 *
 * A mode with `parts` splits its viewers when the stream signs LL-HLS parts: those at a place below
 * `edgeShare` play the parts (Session lists them only for these), inside the segment in progress, at
 * the part distance (partDistance); the others play whole segments over the rest of the spread. An
 * edge viewer fetches every part from an origin, so it holds each segment the moment it completes and
 * shares it whole (part-seeding.js): the viewers behind take it from peers at once, instead of waiting
 * for one of them to fetch it over HTTP. So the whole-segment viewers of such a stream play closer
 * (`parts.behind`: a narrower spread from a closer start, and a shorter urgent margin, as a peer has
 * each new segment the moment it is signed).
 * Modes without `parts` never see a part, so `normal` is what it always was.
 */
export const LATENCY_MODES = {
  low: {
    syncSeconds: 2.3,
    spreadSeconds: 1.2,
    skew: 1,
    maxLatencySeconds: 5,
    httpSeconds: 2,
    urgentSeconds: 1,
    tieBreakSeconds: 0.4,
    stallIncreaseSeconds: 0.5,
    randomSeeding: false,
    p2pSeconds: 4,
    minSyncSegments: 2,
    parts: { minSyncSeconds: 1, edgeShare: 0.25, behind: { syncSeconds: 2.1, spreadSeconds: 0.6, urgentSeconds: 0.6 } },
  },
  normal: {
    syncSeconds: 4,
    spreadSeconds: 5,
    skew: 0.5,
    maxLatencySeconds: 10,
    httpSeconds: 4,
    urgentSeconds: 2,
    tieBreakSeconds: 0.5,
    stallIncreaseSeconds: 1,
    randomSeeding: false,
    p2pSeconds: 10,
    minSyncSegments: 3,
  },
};

/** How long a viewer fetches everything it needs at once after it starts, whoever else has it. */
const STARTUP_SECONDS = 10;

/**
 * The mode's distances for a stream cut into `segmentSeconds` segments, for a viewer at `place` in
 * [0, 1) along the mode's spread (hls.js live sync and the P2P engine's windows). `partSeconds` > 0:
 * the stream signs LL-HLS parts of about that length (the playlist's PART-TARGET).
 */
export function liveDistances(mode, segmentSeconds, place, partSeconds = 0) {
  const m = LATENCY_MODES[mode];
  const seg = Math.max(0.5, segmentSeconds);
  const at = placeIn(place);
  const split = partSeconds > 0 && Boolean(m.parts);
  // Behind the edge viewers, the whole-segment viewers spread over the mode's distances as usual.
  const behind = split ? Math.max(0, at - m.parts.edgeShare) / (1 - m.parts.edgeShare) : at;
  const whole = split ? { ...m, ...m.parts.behind } : m;
  const sync =
    split && playsParts(mode, at)
      ? partDistance(m.parts, seg, partSeconds)
      : Math.max(whole.syncSeconds + Math.pow(behind, m.skew) * whole.spreadSeconds, m.minSyncSegments * seg);
  return {
    liveSyncDuration: Math.round(sync * 100) / 100,
    liveMaxLatencyDuration: Math.max(m.maxLatencySeconds, sync + 2 * seg),
    // hls.js moves its target this much further back after each stall, up to one segment. In `low`
    // the first stall (often at start-up) otherwise cost a whole second for the rest of the session:
    // 29 of 30 viewers played 1 s behind their drawn distance (issue 17, docs/benchmarks.md).
    liveSyncOnStallIncrease: m.stallIncreaseSeconds,
    httpSeconds: Math.max(m.httpSeconds, seg),
    p2pSeconds: Math.max(m.p2pSeconds, sync + seg),
    // Where the engine may fetch over HTTP a segment no peer has yet: only the high-demand window, or
    // (random seeding) the whole P2P window, where now and then a viewer fetches a segment early.
    seedSeconds: m.randomSeeding ? Math.max(m.p2pSeconds, sync + seg) : Math.max(m.httpSeconds, seg),
    // Turns at HTTP inside the high-demand window (player/http-turn.js), none while starting up.
    httpTurn: {
      urgentSeconds: whole.urgentSeconds,
      tieBreakSeconds: m.tieBreakSeconds,
      startupSeconds: STARTUP_SECONDS,
    },
  };
}

/** Whether a viewer at `place` in `mode` plays LL-HLS parts when the stream signs them. */
export function playsParts(mode, place) {
  const parts = LATENCY_MODES[mode].parts;
  return Boolean(parts) && placeIn(place) < parts.edgeShare;
}

function placeIn(place) {
  return Math.min(Math.max(Number.isFinite(place) ? place : 0.5, 0), 1);
}

/**
 * How far behind the newest part an edge viewer plays when the stream has parts: the playlist's
 * PART-HOLD-BACK (3 part targets), but at least one segment plus one part, and at least
 * `minSyncSeconds` (measured before blocking reloads, when hls.js re-read the playlist about once a
 * segment and any closer ran out of listed parts; kept, as the origin's hold and the viewer's own
 * spacing of manifest requests still leave the newest part up to a part old). With the usual 1 s
 * segments and 1/3–1/2 s parts that is 1.3–1.5 s, against 2–3 s without parts. No spread: at this
 * distance every edge viewer plays the segment in progress from its parts, which come from origins
 * only (peers exchange whole segments).
 */
function partDistance(parts, seg, partSeconds) {
  return Math.max(parts.minSyncSeconds, PART_HOLD_BACK_TARGETS * partSeconds, seg + partSeconds);
}

export function swarmId(address) {
  // The creator's key and the stream name identify the stream; the rendition is added by the engine
  // (from the signed bandwidth/codecs/resolution of the synthesized master playlist).
  return `ownerless-v1:${address.pub}/${address.name}`;
}

export function coreConfig({ address, announce, engineHttp, verifier, distances: d }) {
  // A peer is held to the signed size too: the engine's peer code is patched at build time to refuse
  // a declared size above what this returns (tools/engine-patches.mjs); the engine's configuration
  // keeps only its own keys, so the hook travels on the validation function it already passes to peers.
  const validateP2PSegment = async (url, byteRange, data) => verifier.verify(url, data, 'p2p');
  validateP2PSegment.signedSize = (url) => verifier.signedSizeNow(url);
  const validateHTTPSegment = (...args) => engineHttp.validate(...args);
  validateHTTPSegment.httpTurn = d.httpTurn;
  return {
    swarmId: swarmId(address),
    announceTrackers: announce.trackers.slice(0, 4),
    rtcConfig: { iceServers: [] },
    // Inside highDemandTimeWindow a segment comes over HTTP on this viewer's turn unless a peer gives it
    // first (httpTurn, travelling on validateHTTPSegment like signedSize below).
    highDemandTimeWindow: d.httpSeconds,
    // No random HTTP seeding beyond it (seedSeconds = the high-demand window in both modes). With
    // seeding every viewer rolled for every new segment no peer had yet, and the ones far behind fetched
    // 21-27 % of their bytes over HTTP in `normal` (0.76x of the limit at the origin); in `low` it was the
    // only thing that spread HTTP fetches out (0.37-0.55x with it, 0.26x without) until viewers took
    // turns. Issue 17, docs/benchmarks.md.
    httpDownloadTimeWindow: d.seedSeconds,
    p2pDownloadTimeWindow: d.p2pSeconds,
    simultaneousHttpDownloads: 2,
    simultaneousP2PDownloads: 3,
    httpNotReceivingBytesTimeoutMs: 3000,
    p2pNotReceivingBytesTimeoutMs: 1500,
    // Each retry goes to the next origin (EngineHttp), bounded by the signed size and duration.
    httpErrorRetries: 3,
    p2pErrorRetries: 3,
    httpRequestSetup: (...args) => engineHttp.requestSetup(...args),
    validateHTTPSegment,
    validateP2PSegment,
  };
}
