// The intermediate roots of one gap walk (REND/roots/N.json), fetched a few at a time ahead of the
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

export class GapRoots {
  /**
   * @param origins the origins to ask, the one that served the newest manifest first
   * @param end the newest root's size: the walk needs the roots below it
   * @param fetchRoot async (base, size, maxBytes) => the verified root; throws on any failure
   */
  constructor(origins, end, fetchRoot) {
    this.origins = origins;
    this.end = end;
    this.fetch = fetchRoot;
    this.pending = new Map(); // size -> promise of the verified root
    this.failed = new Set();
    this.cap = MAX_BYTES;
  }

  /** The RootTracker's fetchRoot: the verified root at `size`, the next few already on their way. */
  fetchRoot(size) {
    for (let s = size; s < Math.min(size + AHEAD, this.end); s++) {
      if (!this.pending.has(s)) {
        const p = this.fromAnyOrigin(s);
        p.catch(() => {}); // fetched ahead and maybe never asked for: not an unhandled rejection
        this.pending.set(s, p);
      }
    }
    const p = this.pending.get(size) ?? this.fromAnyOrigin(size);
    this.pending.delete(size);
    return p;
  }

  async fromAnyOrigin(size) {
    let last = null;
    for (const base of this.origins) {
      if (this.failed.has(base)) continue;
      try {
        return await this.fetch(base, size, this.cap);
      } catch (e) {
        this.failed.add(base);
        last = e;
      }
    }
    throw last ?? new TrustError(Problem.UNAVAILABLE, `roots/${size}.json: every origin failed during this walk`);
  }
}
