// The intermediate roots of one gap walk (REND/roots/EPOCH-SIZE.json), fetched a few at a time ahead of the
// RootTracker, which still accepts them one by one, in order. A root is signed, so any origin may
// serve it: the one that served the newest manifest is asked first, then the others, and an origin
// that failed once is not asked again during the walk — a slow or failing origin costs one deadline
// per walk, not one per root. The same design as the Java GapRoots.

import { MAX_BYTES, Problem, TrustError } from './trust-api.js';

/** Roots in flight at once: enough to hide a round trip, few enough not to look like a flood. */
export const AHEAD = 4;

/**
 * The largest root a walk reads: roots before the newest one of a live log have windows no longer
 * than its own, so twice its size (and room for a short first one) is plenty; a padded root from a
 * hostile origin is cut off there instead of at the protocol's 2 MiB.
 */
export function walkedRootCap(newestBytes) {
  return Math.min(MAX_BYTES, Math.max(64 * 1024, 2 * newestBytes + 16 * 1024));
}

/**
 * The last size a walk towards `newest` (a verified root) can need in `epoch`: the one before it in
 * its own epoch, or where its `previous` says the epoch before ended (RootTracker's walk, §4.4).
 */
export function walkEnd(newest, epoch) {
  if (epoch === newest.epoch) return newest.treeSize - 1;
  if (epoch === newest.epoch - 1 && newest.previous) return newest.previous.treeSize;
  return -1;
}

export class GapRoots {
  /**
   * @param origins the origins to ask, the one that served the newest manifest first
   * @param newest the newest root: the walk needs roots before it (walkEnd), and no fetch ahead goes further
   * @param fetchRoot async (base, epoch, size, maxBytes) => the verified root; throws on any failure
   */
  constructor(origins, newest, fetchRoot) {
    this.origins = origins;
    this.newest = newest;
    this.fetch = fetchRoot;
    this.pending = new Map(); // "epoch-size" -> promise of the verified root
    this.failed = new Set();
    this.cap = MAX_BYTES;
  }

  /** The RootTracker's fetchRoot: the verified root of `epoch` at `size`, the next few already on their way. */
  fetchRoot(epoch, size) {
    const end = walkEnd(this.newest, epoch);
    for (let s = size; s < size + AHEAD && s <= end; s++) {
      const key = `${epoch}-${s}`;
      if (!this.pending.has(key)) {
        const p = this.fromAnyOrigin(epoch, s);
        p.catch(() => {}); // fetched ahead and maybe never asked for: not an unhandled rejection
        this.pending.set(key, p);
      }
    }
    const key = `${epoch}-${size}`;
    const p = this.pending.get(key) ?? this.fromAnyOrigin(epoch, size);
    this.pending.delete(key);
    return p;
  }

  async fromAnyOrigin(epoch, size) {
    let last = null;
    for (const base of this.origins) {
      if (this.failed.has(base)) continue;
      try {
        return await this.fetch(base, epoch, size, this.cap);
      } catch (e) {
        this.failed.add(base);
        last = e;
      }
    }
    throw (
      last ?? new TrustError(Problem.UNAVAILABLE, `roots/${epoch}-${size}.json: every origin failed during this walk`)
    );
  }
}
