// Answers hls.js's requests for one stream from verified state: playlists written from the signed
// announce and manifests, segments fetched from the origins in turn and verified before use.

import { fetchBytes } from './bounded-fetch.js';
import { Events } from './events.js';
import { EpochSequence } from './epoch-sequence.js';
import { DiscontinuityCounter, longestListed, masterPlaylist, mediaPlaylist, partTargetUs } from './playlists.js';
import { segmentBudget } from './segment-budget.js';

/** How recently a root must have been verified to serve for a rendition's first media playlist. */
const FIRST_PLAYLIST_REUSE_MS = 1000;

/**
 * Complete segments whose parts a playlist still lists: the LL-HLS recommendation of three target
 * durations when segments are 1 s, and StreamTrust remembers the parts of as many (and the one in progress).
 */
const COMPLETED_PARTS_SEGMENTS = 3;

export class Session {
  constructor(address, origins, streamTrust, verifier, bus) {
    this.address = address;
    this.origins = origins;
    this.trust = streamTrust;
    this.verifier = verifier;
    this.bus = bus;
    this.discontinuities = new Map();
    this.sequences = new Map(); // rendition -> EpochSequence: one growing media sequence across epochs
    this.playlistRoots = new Map(); // rendition -> the root behind its last written media playlist
    this.edgeTimes = new Map(); // rendition -> when its last written playlist's newest media was complete (ms)
    this.partTargets = new Map(); // rendition -> {epoch, us}: the PART-TARGET its playlists announce
    this.manifestAsks = new Map(); // rendition -> when its manifest was last asked for while parts are listed
    // Whether media playlists list the signed LL-HLS parts of the segment in progress. Only the `low`
    // latency mode plays that close to the edge (Viewer); others get the playlists they always had.
    this.listParts = false;
  }

  /**
   * `onFirstByte` runs when the origin whose bytes are answered started sending them (segments and
   * parts only; playlists are written here): hls.js times bandwidth from there, not from the request.
   */
  async answer(url, signal, onFirstByte = () => {}) {
    const where = this.address.parse(url);
    if (!where) throw new Error(`not a file of this stream: ${url}`);
    if (where.kind === 'master') return masterPlaylist(this.trust.announce, this.address);
    if (where.kind === 'media') return this.mediaPlaylist(where.rendition);
    return this.segment(where.rendition, where.epoch, where.uri, signal, onFirstByte);
  }

  async mediaPlaylist(rendition) {
    // The first playlist of a rendition may be written from a root verified just before (the one the
    // player was sized from, Viewer.measure): one round trip less before the first
    // frame. Its age still reaches hls.js (playlistAgeMs); every later playlist reads a new root.
    // Every later one asks the origin to hold the manifest request until the next segment (or, when
    // parts are listed, the next part) is signed: this viewer learns of it when it is signed, not up
    // to one reload interval later. An ended stream gets nothing new to wait for.
    const first = !this.playlistRoots.has(rendition);
    const waitFor = first || this.trust.announce?.status === 'ended' ? null : this.listParts ? 'part' : 'segment';
    if (waitFor === 'part') await this.spaceManifestAsks(rendition);
    const root = await this.trust.refreshManifest(rendition, {
      reuseWithinMs: first ? FIRST_PLAYLIST_REUSE_MS : 0,
      waitFor,
    });
    let counter = this.discontinuities.get(rendition);
    if (!counter) this.discontinuities.set(rendition, (counter = new DiscontinuityCounter()));
    let sequence = this.sequences.get(rendition);
    if (!sequence) this.sequences.set(rendition, (sequence = new EpochSequence()));
    const items = sequence.items(root);
    const ended = this.trust.announce?.status === 'ended';
    const listing = this.listParts && !ended && !startsNewEpoch(root);
    const completed = listing ? this.completedParts(rendition, items) : new Map();
    const partsListed = listing && root.parts.length > 0;
    const text = mediaPlaylist(items, rendition, this.address, {
      ended,
      discontinuitySequence: counter.update(items),
      emptySequence: sequence.emptySequence(root),
      inProgress: listing ? this.partsInPlaylist(rendition, root, completed) : null,
    });
    const edgeTimeMs = edgeTimeOf(root, partsListed);
    this.playlistRoots.set(rendition, root);
    this.edgeTimes.set(rendition, edgeTimeMs);
    this.bus.emit(Events.MEDIA_PLAYLIST_WRITTEN, { rendition, root, edgeTimeMs });
    return text;
  }

  /**
   * Half a part target between two manifest requests of `rendition` while parts are listed. hls.js
   * asks again at once after every playlist that advanced (CAN-BLOCK-RELOAD); an origin that holds
   * the request until the next part never meets this spacing, but no origin's answers, however quick,
   * can turn that into more than two requests per part.
   */
  async spaceManifestAsks(rendition) {
    const gapMs = (this.partTargets.get(rendition)?.us ?? 0) / 2000;
    const wait = (this.manifestAsks.get(rendition) ?? -Infinity) + gapMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.manifestAsks.set(rendition, performance.now());
  }

  /**
   * What an LL-HLS playlist written from `root` lists of parts (mediaPlaylist's `inProgress`), or null
   * while this epoch has shown none. Once it has, the header stays, with the longest part seen as its
   * target, also from a root signed between a segment's completion and the next one's first part (no
   * part in progress, and none of the completed segment when this viewer missed one of its parts' roots):
   * a header that comes and goes would move hls.js in and out of part playback and its
   * target distance between PART-HOLD-BACK and the segments' hold-back.
   */
  partsInPlaylist(rendition, root, completed) {
    const known = this.partTargets.get(rendition);
    const listed = longestListed({ parts: root.parts, completed });
    const us = Math.max(listed, known?.epoch === root.epoch ? known.us : 0);
    if (us === 0) return null;
    this.partTargets.set(rendition, { epoch: root.epoch, us });
    return { epoch: root.epoch, parts: root.parts, completed, partTargetUs: us };
  }

  /**
   * The signed parts of the newest complete segments of `items`, by sequence number: of up to
   * COMPLETED_PARTS_SEGMENTS of them, newest first, stopping at one whose parts do not cover it all
   * (roots this viewer missed), as hls.js's part list must have no gap. hls.js only moves from
   * segments to parts once its buffer reaches the first listed part plus the parts after the last
   * segment: with the parts of the segment in progress alone that point lies past the live edge, so
   * it would never play a part; LL-HLS lists the parts of the last few segments for this.
   */
  completedParts(rendition, items) {
    const out = new Map();
    for (const item of items.slice(-COMPLETED_PARTS_SEGMENTS).reverse()) {
      const parts = this.trust.segmentParts(rendition, item.epoch, item.entry.index);
      const covered = parts.reduce((sum, p) => sum + p.durationUs, 0);
      if (!parts.length || Math.abs(covered - item.entry.durationUs) >= partTargetUs(parts) / 2) break;
      out.set(item.seq, parts);
    }
    return out;
  }

  /**
   * How old (ms) the edge of the media playlist last written for `url` is: the time since its signed
   * manifest was signed, or since its last complete segment was when the manifest also signed parts
   * the playlist does not list (edgeTimeOf). hls.js estimates the live edge as "playlist edge + time
   * since the playlist loaded"; a playlist written now from a manifest signed 1.5 s ago is 1.5 s old,
   * and without this hls.js would hold its target distance from an edge that is really further ahead.
   * Capped at two segment durations: the node's clock and ours may disagree, and a big error would
   * have hls.js chase an edge that is not there.
   */
  playlistAgeMs(url) {
    const where = this.address.parse(url);
    const root = where?.kind === 'media' ? this.playlistRoots.get(where.rendition) : null;
    if (!root || !root.window.length) return 0;
    const cap = (2 * root.window[root.window.length - 1].durationUs) / 1000;
    return Math.min(Math.max(Date.now() - this.edgeTimes.get(where.rendition), 0), cap);
  }

  /**
   * A segment from the first origin that serves the signed bytes. Each try is cut at the signed size
   * while it streams and abandoned at a deadline sized from the signed duration; an origin that fails
   * in any way (error, deadline, too many bytes, wrong bytes) is passed over for the next.
   */
  async segment(rendition, epoch, uri, signal, onFirstByte = () => {}) {
    const url = this.address.segmentUrl(rendition, uri, epoch);
    const entry = await this.verifier.signedEntry(url, 'http');
    if (!entry) throw new Error(`no signed entry for ${rendition}/${uri}`);
    const { maxBytes, deadlineMs } = segmentBudget(entry);
    let last = null;
    for (const base of this.origins.inTurn()) {
      try {
        const bytes = await fetchBytes(base + this.address.originPath(`${rendition}/${uri}`), {
          maxBytes,
          timeoutMs: deadlineMs,
          signal,
          cache: 'default',
          // Each origin tried says it again: the one whose bytes verify is the last to.
          onResponse: onFirstByte,
        });
        this.bus.emit(Events.BYTES_DOWNLOADED, { bytes: bytes.byteLength, source: 'http' });
        const data = bytes.buffer;
        if (await this.verifier.verify(url, data, 'http')) return data;
        last = new Error(`${base} served a segment that is not the signed one`);
      } catch (e) {
        if (signal.aborted) throw e;
        last = e;
      }
      this.origins.markBad(base, last.message);
    }
    throw last ?? new Error('no origin');
  }

  /** The real URL the P2P engine's HTTP downloader should fetch for a virtual segment URL. */
  originUrlFor(virtualUrl) {
    const where = this.address.parse(virtualUrl);
    if (!where || where.kind !== 'segment') return null;
    const base = this.origins.base;
    return { base, url: base + this.address.originPath(`${where.rendition}/${where.uri}`) };
  }
}

/**
 * Whether the segment in progress of `root` is the first of a later epoch: EpochSequence puts
 * EXT-X-DISCONTINUITY before it once it is complete, and parts listed before that tag existed would
 * reach hls.js under the old discontinuity sequence. Its parts are not listed; the segment plays
 * whole, as every segment did before parts.
 */
function startsNewEpoch(root) {
  return root.epoch > 1 && root.treeSize === 0;
}

/**
 * When the newest media a playlist written from `root` lists was complete, by the signer's clock:
 * the root's time, less the parts it signed that the playlist does not list. The node signs a root
 * as each part completes, in real time, so the last complete segment ended that much media earlier.
 */
export function edgeTimeOf(root, partsListed) {
  if (partsListed || !root.parts?.length) return root.timeMs;
  return root.timeMs - root.parts.reduce((sum, p) => sum + p.durationUs, 0) / 1000;
}
