// What this viewer believes about the stream, and nothing it has not verified: the creator's latest
// announce and, per rendition, the latest accepted MANIFEST_ROOT with the segment entries it signed
// (kept by epoch and URI, so the old epoch's entries still play after a linked new epoch began), and
// the LL-HLS parts it signed for the segment in progress, kept apart so they never crowd out entries.
// Every file comes from some origin; an origin whose file does not verify is reported (FILE_REFUSED)
// and the next one is asked. Only when no origin has a verifiable answer does the stream become
// untrusted.

import { fetchBytes } from './bounded-fetch.js';
import { ANNOUNCE_LIMIT, JSON_LIMIT, JSON_TIMEOUT_MS, MANIFEST_HOLD_MS } from './fetch-limits.js';
import { GapRoots, walkedRootCap } from './gap-roots.js';
import { Events } from './events.js';
import {
  AnnounceTracker,
  MAX_PARTS,
  Problem,
  RootTracker,
  TrustError,
  isBehindLogs,
  isEarlierLogState,
  isStale,
  verifyAnnounce,
  verifyManifest,
} from './trust-api.js';
import { FileKind, fileRefused } from './trust-verdict.js';
import { evictOldest } from './evict-oldest.js';

/** Entries remembered per rendition: a bit more than one manifest window, older ones are not played. */
const REMEMBERED_ENTRIES = 8192 + 64;

/**
 * Parts remembered per rendition: those of the segment in progress and of the few before it, since a
 * playlist written just before a segment completed may still send hls.js for one of its parts.
 */
const REMEMBERED_PARTS = 4 * MAX_PARTS;

/** Parts lists remembered per rendition, one per segment: the one in progress and the 3 a playlist lists. */
const REMEMBERED_PART_LISTS = 4;

/** Entries are remembered by epoch and URI: indices, and so possibly names, restart in a new epoch. */
const entryKey = (epoch, uri) => `${epoch}/${uri}`;

export class UntrustedError extends Error {
  constructor(message, problem) {
    super(message);
    this.problem = problem;
  }
}

export class StreamTrust {
  /** `early`: the page's EarlyFetches, whose bytes stand in for the first fetch of their URLs. */
  constructor(address, origins, bus, early = null) {
    this.address = address;
    this.origins = origins;
    this.bus = bus;
    this.early = early;
    this.announce = null;
    this.announceTracker = new AnnounceTracker({ creator: address.pub, name: address.name });
    this.renditions = new Map(); // name -> {tracker, root, entries: Map uri -> entry, refreshing}
  }

  /** Fetches and verifies the announce; adds its origins after the hint. Throws UntrustedError. */
  async loadAnnounce() {
    const announce = await this.fromAnyOrigin(FileKind.ANNOUNCE, 'announce.json', ANNOUNCE_LIMIT, async (text) => {
      const now = Date.now();
      const a = await verifyAnnounce(text, this.address.pub, now);
      if (a.name !== this.address.name) throw new TrustError(Problem.WRONG_STREAM, `announce is for stream ${a.name}`);
      const held = this.announceTracker.current;
      // An older genuine announce: its origin is behind, as with an older root (behindHeld).
      if (held && a.seq < held.seq) {
        throw new TrustError(Problem.STALE, `behind: announce seq ${a.seq}, this viewer holds seq ${held.seq}`);
      }
      this.announceTracker.accept(a, now);
      return this.announceTracker.current;
    });
    this.announce = announce;
    for (const o of announce.origins) this.origins.add(o);
    return announce;
  }

  rendition(name) {
    let r = this.renditions.get(name);
    if (!r) {
      if (!this.announce?.renditions.some((x) => x.name === name)) {
        throw new UntrustedError(`rendition ${name} is not in the signed announce`, Problem.WRONG_STREAM);
      }
      r = {
        tracker: new RootTracker(),
        root: null,
        acceptedAt: -Infinity,
        entries: new Map(), // entryKey -> signed window entry or init section
        parts: new Map(), // entryKey -> signed part ({...part, part: true})
        segmentParts: new Map(), // "epoch:index" -> the longest parts list signed for that segment
        refreshing: null,
      };
      this.renditions.set(name, r);
    }
    return r;
  }

  /**
   * The latest manifest of {@code name}, verified and accepted; concurrent callers share one fetch.
   * With `reuseWithinMs`, a root this viewer accepted that recently is answer enough (no fetch).
   * With `waitFor` ('segment' or 'part'), the fetch asks the origin to hold it until the manifest has
   * the segment (or part) after the root held now (blockingQuery); without a root it is a plain fetch.
   */
  refreshManifest(name, { reuseWithinMs = 0, waitFor = null } = {}) {
    const r = this.rendition(name);
    if (!r.refreshing && r.root && performance.now() - r.acceptedAt <= reuseWithinMs) return Promise.resolve(r.root);
    if (!r.refreshing) {
      r.refreshing = this.fetchManifest(name, r, blockingQuery(r.root, waitFor)).finally(() => {
        r.refreshing = null;
      });
    }
    return r.refreshing;
  }

  async fetchManifest(name, r, query = '') {
    const expect = { creator: this.address.pub, name: this.address.name, rendition: name };
    let servedBy = null;
    const root = await this.fromAnyOrigin(
      FileKind.MANIFEST,
      `${name}/manifest.json`,
      JSON_LIMIT,
      async (text, base) => {
        const candidate = await verifyManifest(text, expect);
        const behind = behindHeld(candidate, r.tracker.last);
        if (behind) throw new TrustError(Problem.STALE, behind);
        await this.acceptRoot(r, candidate, text, base, expect);
        servedBy = base;
        return candidate;
      },
      query,
    );
    r.root = r.tracker.last ?? root;
    r.acceptedAt = performance.now();
    if (isStale(r.root, this.announce, Date.now())) await this.lookPastStale(name, r, expect, servedBy);
    const epoch = r.root.epoch;
    for (const e of r.root.window) {
      r.entries.set(entryKey(epoch, e.uri), e);
      rememberInit(r, epoch, e);
    }
    // A signed part is an entry of its own, marked so that it is only ever fetched from origins and
    // checked as a part (SegmentVerifier); its init section is remembered like a segment's.
    for (const p of r.root.parts) {
      r.parts.set(entryKey(epoch, p.uri), { ...p, part: true });
      rememberInit(r, epoch, p);
    }
    // The parts of the segment in progress (index treeSize) as this viewer last saw them: once it is
    // complete, the playlist still lists them before its EXTINF, as LL-HLS asks (segmentParts).
    if (r.root.parts.length) {
      const key = `${epoch}:${r.root.treeSize}`;
      if ((r.segmentParts.get(key)?.length ?? 0) < r.root.parts.length) {
        r.segmentParts.delete(key); // re-inserted last: the newest segment is evicted last
        r.segmentParts.set(key, r.root.parts);
      }
    }
    evictOldest(r.entries, REMEMBERED_ENTRIES);
    evictOldest(r.parts, REMEMBERED_PARTS);
    evictOldest(r.segmentParts, REMEMBERED_PART_LISTS);
    return r.root;
  }

  /**
   * Accepts `candidate` (`bytes` long) into the rendition's log. Intermediate roots that close a gap
   * (in its epoch, or up to where the epoch before ended) come from `base` first, then any origin
   * (roots/EPOCH-SIZE.json, verified alike; GapRoots), each capped at twice the candidate's size; a
   * gap too long to walk restarts the log from `candidate`. Resolves to the tracker's answer
   * ('new-epoch' when playback crosses into the next epoch).
   */
  async acceptRoot(r, candidate, bytes, base, expect) {
    const others = this.origins.inTurn().filter((o) => o !== base);
    const gap = new GapRoots([base, ...others], candidate, async (from, epoch, size, maxBytes) => {
      const file = `roots/${epoch}-${size}.json`;
      let t;
      try {
        t = await this.fetchText(from, `${expect.rendition}/${file}`, maxBytes);
      } catch (e) {
        throw new TrustError(Problem.UNAVAILABLE, `${file}: ${e.message}`);
      }
      return verifyManifest(t, expect);
    });
    gap.cap = walkedRootCap(bytes.byteLength);
    return r.tracker.accept(candidate, { fetchRoot: (epoch, size) => gap.fetchRoot(epoch, size) });
  }

  /**
   * The root `stale` served is genuine but too old for a live stream (protocol §4.4.1): ask the other
   * origins, and read from now on the first that is ahead. With none ahead, keep it — a paused
   * publisher looks the same — and refuse nothing. An origin that fails or is behind here is simply
   * not used: it is not the one being read.
   */
  async lookPastStale(name, r, expect, stale) {
    for (const base of this.origins.inTurn()) {
      if (base === stale) continue;
      const had = r.root;
      try {
        const text = await this.fetchText(base, `${name}/manifest.json`);
        const candidate = await verifyManifest(text, expect);
        const ahead =
          candidate.epoch > had.epoch || (candidate.epoch === had.epoch && candidate.treeSize > had.treeSize);
        if (!ahead) continue;
        await this.acceptRoot(r, candidate, text, base, expect);
      } catch {
        continue;
      }
      r.root = r.tracker.last;
      const head = isBehindLogs(had, this.announce);
      const why = head
        ? `is below the announce's epoch ${head.epoch} size ${head.treeSize}`
        : `is ${Math.round((Date.now() - had.timeMs) / 1000)} s old`;
      const message = `root ${had.epoch}-${had.treeSize} ${why}; ${base} has ${r.root.epoch}-${r.root.treeSize}`;
      this.bus.emit(
        Events.FILE_REFUSED,
        fileRefused({
          kind: FileKind.MANIFEST,
          file: `${name}/manifest.json`,
          origin: stale,
          source: 'http',
          problem: Problem.STALE,
          message,
        }),
      );
      this.origins.prefer(base, `${Problem.STALE}: ${message}`);
      if (!isStale(r.root, this.announce, Date.now())) return;
    }
  }

  /**
   * The signed entry listing `uri` in `epoch` of `rendition` (a window entry, an init section or a
   * part, which has `part: true`), if a root accepted so far listed it.
   */
  entry(rendition, epoch, uri) {
    const r = this.renditions.get(rendition);
    const key = entryKey(epoch, uri);
    return r?.entries.get(key) ?? r?.parts.get(key);
  }

  /**
   * The signed parts of segment `index` of `epoch` of `rendition`: the longest list an accepted root
   * gave while that segment was in progress, [] if none did (or it is long forgotten). After the
   * segment completed, these may cover only its start: a viewer that missed the last roots of it.
   */
  segmentParts(rendition, epoch, index) {
    return this.renditions.get(rendition)?.segmentParts.get(`${epoch}:${index}`) ?? [];
  }

  /** The signed entry for a segment, reading newer manifests for up to {@code waitMs}. */
  async entryWithin(rendition, epoch, uri, waitMs) {
    const end = Date.now() + waitMs;
    for (;;) {
      const e = this.entry(rendition, epoch, uri);
      if (e) return e;
      if (Date.now() >= end) return null;
      try {
        await this.refreshManifest(rendition);
      } catch {
        return null;
      }
      if (!this.entry(rendition, epoch, uri))
        await new Promise((resolve) => setTimeout(resolve, Math.min(250, waitMs)));
    }
  }

  /**
   * `file` from `base`. A blocking `query` may be held by the origin for MANIFEST_HOLD_MS on top of the
   * usual deadline.
   */
  async fetchText(base, file, maxBytes = JSON_LIMIT, query = '') {
    const url = base + this.address.originPath(file);
    if (query) return fetchBytes(url + query, { maxBytes, timeoutMs: JSON_TIMEOUT_MS + MANIFEST_HOLD_MS });
    return fetchBytes(url, { maxBytes, timeoutMs: JSON_TIMEOUT_MS });
  }

  /**
   * What `accept` makes of the page's early bytes of `file` from `base` (fetched as the page loaded, or
   * carried in it), if it has any; null if it has none. Fetched ones are the origin's answer: refused,
   * they count against it like any. Carried ones may be an old copy of the page, cached on the way:
   * refused, they are dropped (null) and the origin is asked itself. A blocking `query` never has early
   * bytes: those are plain, and the first.
   */
  async fromEarlyBytes(base, file, maxBytes, accept, query) {
    const early = query ? null : await this.early?.take(base + this.address.originPath(file), maxBytes);
    if (!early) return null;
    if (!early.carried) return accept(early.bytes, base);
    try {
      return await accept(early.bytes, base);
    } catch {
      return null;
    }
  }

  /**
   * Asks each origin in turn for `file` (of `kind`, at most `maxBytes`, with `query` appended) and
   * returns the first answer `accept` takes.
   * A refused answer is reported and its origin passed over; the last problem is what the viewer sees.
   */
  async fromAnyOrigin(kind, file, maxBytes, accept, query = '') {
    let last = null;
    for (const base of this.origins.inTurn()) {
      try {
        const early = await this.fromEarlyBytes(base, file, maxBytes, accept, query);
        if (early) return early;
        const bytes = await this.fetchText(base, file, maxBytes, query);
        return await accept(bytes, base);
      } catch (e) {
        const refusal = fileRefused({
          kind,
          file,
          origin: base,
          source: 'http',
          problem: e.problem,
          message: e.message,
        });
        last = { problem: refusal.problem, message: `${file} from ${base}: ${e.message}` };
        this.bus.emit(Events.FILE_REFUSED, refusal);
        this.origins.markBad(base, `${refusal.problem}: ${e.message}`);
      }
    }
    throw new UntrustedError(last ? last.message : `no origin for ${file}`, last?.problem ?? Problem.UNAVAILABLE);
  }
}

/**
 * Why genuine root `n` is behind the root `held` this viewer accepted (an earlier epoch, or a smaller
 * tree of the same one), else null. Its origin is behind — a mirror that has not caught up, or one
 * replaying an old state: the two look the same, and either only costs time — so it is passed over
 * as STALE (protocol §4.4.1) and the held root stays. Refused as a ROLLBACK instead, a relay one
 * segment behind the node a viewer just lost would count as distrusted.
 */
function behindHeld(n, held) {
  if (!held || !isEarlierLogState(n, held)) return null;
  return `behind: root ${n.epoch}-${n.treeSize}, this viewer holds ${held.epoch}-${held.treeSize}`;
}

/**
 * The blocking-reload query (protocol §5) asking for what comes after `root`: segment `treeSize` is
 * the one in progress, and its parts 0..K−1 are signed when the root lists K. An origin that can hold
 * answers once it has segment `treeSize` or, for 'part', part K of it; one that cannot (a plain web
 * server, a bucket) ignores the query and answers at once, so hls.js's own reload pacing holds. Parts
 * are waited for only by a player that lists them: otherwise each would wake it for nothing new.
 */
export function blockingQuery(root, waitFor) {
  if (!root || !waitFor) return '';
  const part = waitFor === 'part' ? `&_HLS_part=${root.parts.length}` : '';
  return `?_HLS_msn=${root.treeSize}${part}`;
}

/**
 * An fMP4 segment's or part's init section is fetched and verified like a segment: the signed `inits`
 * item is its entry, with the duration (so the fetch deadline) of the longest segment or part seen to
 * need it, so a short part does not shorten it. Deleted first so that a long-lived init moves to the
 * young end and is not evicted.
 */
function rememberInit(r, epoch, needer) {
  if (!needer.init) return;
  const key = entryKey(epoch, needer.init.uri);
  const durationUs = Math.max(needer.durationUs, r.entries.get(key)?.durationUs ?? 0);
  r.entries.delete(key);
  r.entries.set(key, { ...needer.init, durationUs });
}
