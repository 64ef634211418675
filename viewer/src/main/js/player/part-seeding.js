// A viewer at the live edge plays LL-HLS parts, fetched from origins as each is signed; viewers further
// back play whole segments and take them from peers (delivery.js). The node cuts a segment into its
// parts, so once a segment is complete the edge viewer already holds every byte of it: its parts one
// after the other. Checked against the signed segment, they go into the P2P engine's store as if the
// segment had been fetched whole (tools/seed-from-parts-patch.mjs), and the engine announces it. The
// viewers behind then find a peer with the segment the moment it is signed, instead of waiting for
// one of them to take its turn at HTTP: the edge viewers are the swarm's seeders, at no extra origin cost.
//
// Nothing ties a segment's bytes to its parts' in the protocol (§4.3), so the joined parts are trusted
// only if they are exactly the signed segment: same length, same SHA-256. A segment this viewer missed
// a part of, or whose parts were cut differently, is simply not seeded.

import { Events } from './events.js';
import { evictOldest } from './evict-oldest.js';
import { asUint8, checkSegment, concatBytes } from './trust-api.js';

/** Verified part bytes kept for joining: three segments of 1/3 s parts, with room to spare. */
const KEPT_PARTS = 24;
/** Segments handed to the engine, remembered so none is joined twice. */
const KEPT_SEEDED = 16;
/** Complete segments looked at per playlist: the newest, and the one before it if it was missed. */
const LOOKED_AT = 2;

export class PartSeeding {
  /**
   * `store(segmentUrl, bytes)` hands a verified segment to the engine and resolves with 'stored',
   * 'held' (the engine had it already) or 'unknown' (the engine does not list that segment yet).
   */
  constructor(address, trust, bus, store) {
    this.address = address;
    this.trust = trust;
    this.bus = bus;
    this.store = store;
    this.parts = new Map(); // part URL -> its verified bytes
    this.seeded = new Set(); // segment URLs handed over (or found not to be their parts)
  }

  /** A part at `url` verified against its signed part; `data` is this viewer's own copy. */
  partVerified(url, data) {
    this.parts.delete(url);
    this.parts.set(url, data);
    evictOldest(this.parts, KEPT_PARTS);
  }

  /**
   * Seeds the newest complete segments of `root` (the one behind `rendition`'s latest playlist) that
   * this viewer holds all the parts of. Resolves with how many it handed over; never throws.
   */
  async seed(rendition, root) {
    let handed = 0;
    for (const entry of (root?.window ?? []).slice(-LOOKED_AT).reverse()) {
      try {
        if (await this.seedOne(rendition, root.epoch, entry)) handed++;
      } catch (e) {
        console.warn(`ownerless: could not seed segment ${entry.uri} from its parts`, e);
      }
    }
    return handed;
  }

  async seedOne(rendition, epoch, entry) {
    const url = this.address.segmentUrl(rendition, entry.uri, epoch);
    if (this.seeded.has(url)) return false;
    const parts = this.trust.segmentParts(rendition, epoch, entry.index);
    const bytes = parts.map((p) => this.parts.get(this.address.segmentUrl(rendition, p.uri, epoch)));
    if (!parts.length || bytes.some((b) => !b)) return false;
    const joined = concatBytes(...bytes.map(asUint8));
    if (!(await checkSegment(entry, joined))) {
      this.done(url);
      return false;
    }
    const outcome = await this.store(url, joined.buffer);
    // 'unknown': the engine does not list the segment yet (hls.js has not read a playlist with it):
    // the next playlist tries again. 'held': the engine has it already, from a peer or its own fetch.
    if (outcome === 'unknown') return false;
    this.done(url);
    if (outcome !== 'stored') return false;
    this.bus.emit(Events.SEGMENT_SEEDED, { url, bytes: entry.size, parts: parts.length });
    return true;
  }

  done(url) {
    this.seeded.add(url);
    evictOldest(this.seeded, KEPT_SEEDED);
  }
}
