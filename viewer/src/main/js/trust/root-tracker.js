// RootTracker (protocol §4.4): follows one rendition's signed log and accepts a new root only if it
// provably extends the last accepted one — same epoch and a tree at least as large, linked by an RFC
// 9162 consistency proof; or the next epoch, whose `previous` link must start exactly where the
// accepted log ended (or further on, proven by walking the old epoch's roots there). The same rules,
// in the same order, as the Java RootTracker, so both give the same verdict on the same roots.

import { equivocationProof } from './equivocation.js';
import { describeEpochLink, sameEpochLink } from './epoch-link.js';
import { verifyConsistency } from './merkle.js';
import { PartsOrder, partsOrder } from './parts.js';
import { Problem, TrustError } from './problems.js';

/**
 * How many intermediate roots one accept() may fetch to close a gap: the same bound as the Java
 * RootTracker.MAX_GAP_FETCHES, counted the same way (the roots the walk would fetch).
 */
export const MAX_GAP_FETCHES = 1000;

/**
 * Give it roots that verifyManifest returned (signature, key, root hash and stream checked).
 * Concurrent accept() calls are queued and run one after another.
 */
export class RootTracker {
  constructor() {
    this.last = null;
    // accept() awaits hashing and fetching; calls are chained so two of them never interleave
    // between reading `last` and replacing it.
    this.queue = Promise.resolve();
  }

  /**
   * Accepts `next` or rejects with TrustError WRONG_STREAM, ROLLBACK, EQUIVOCATION (with
   * `.equivocation`, the portable proof), GAP, INCONSISTENT, or UNAVAILABLE (a walk served a root
   * of another position).
   *
   * options.proof: {fromSize, treeSize, path} a consistency proof fetched elsewhere, from the last
   *   accepted size to next.treeSize; otherwise the proof `next` carries is used if its fromSize is
   *   the last accepted size.
   * options.fetchRoot: async (epoch, size) => verified root of that epoch published at that size (the
   *   caller fetches REND/roots/EPOCH-SIZE.json and runs verifyManifest with the same expectations).
   *   With it, a GAP is closed the way the Java RootTracker does: every size of the accepted epoch
   *   from last + 1 up to next − 1 (same epoch) or up to where next's `previous` says the epoch ended
   *   (next epoch) is fetched and accepted in order, each linked by the proof it carries, then `next`
   *   is checked again. At most MAX_GAP_FETCHES (options.maxFetches) roots: beyond that the log
   *   restarts from `next` without fetching; errors of fetchRoot propagate unchanged (use UNAVAILABLE
   *   for a failed fetch).
   *
   * @returns Promise of 'first' (nothing was accepted before), 'extended' (proven larger tree),
   *          'new-epoch' (the next epoch, linked to where the accepted log ended), 'restarted' (a
   *          gap too long to walk, or a skipped epoch: the log starts again from `next`), 'parts'
   *          (same position, more parts of the segment in progress) or 'unchanged' (same position,
   *          same root, same or fewer parts). `tracker.last` is the accepted root afterwards.
   */
  accept(next, options = {}) {
    const run = this.queue.then(() => this.acceptSerially(next, options));
    this.queue = run.catch(() => {});
    return run;
  }

  async acceptSerially(next, options) {
    try {
      return await this.acceptOne(next, options.proof ?? null);
    } catch (e) {
      if (
        !(e instanceof TrustError) ||
        e.problem !== Problem.GAP ||
        typeof options.fetchRoot !== 'function' ||
        options.proof
      ) {
        throw e;
      }
      const l = this.last;
      const epoch = l.epoch;
      // The last root to fetch: the one before `next` in its own epoch, or the old epoch's end.
      const to = next.epoch === epoch ? next.treeSize - 1 : next.previous.treeSize;
      if (to - l.treeSize > (options.maxFetches ?? MAX_GAP_FETCHES)) {
        // Too far to walk: restart from `next`, a genuine later root of this log, as a viewer joining
        // now would (acceptOne already refused anything older, forked or of another stream).
        this.last = next;
        return 'restarted';
      }
      for (let size = l.treeSize + 1; size <= to; size++) {
        const fetched = await options.fetchRoot(epoch, size);
        if (fetched.epoch !== epoch || fetched.treeSize !== size) {
          throw new TrustError(
            Problem.UNAVAILABLE,
            `asked for the root of epoch ${epoch} size ${size}, was served epoch ${fetched.epoch} size ${fetched.treeSize}`,
          );
        }
        await this.acceptOne(fetched, null);
      }
      return this.acceptOne(next, null);
    }
  }

  /** One step of §4.4 (the Java RootTracker.accept), no fetching. */
  async acceptOne(n, explicitProof) {
    if (this.last === null) {
      this.last = n;
      return 'first';
    }
    const l = this.last;
    if (n.creator !== l.creator || n.name !== l.name || n.rendition !== l.rendition) {
      throw new TrustError(
        Problem.WRONG_STREAM,
        `root belongs to ${n.creator}/${n.name}/${n.rendition}, not ${l.creator}/${l.name}/${l.rendition}`,
      );
    }
    if (n.epoch !== l.epoch) return this.acceptOtherEpoch(n);
    if (n.treeSize < l.treeSize) {
      throw new TrustError(
        Problem.ROLLBACK,
        `root of tree size ${n.treeSize} after size ${l.treeSize} was accepted (epoch ${n.epoch})`,
      );
    }
    if (n.treeSize === l.treeSize) {
      // rootHash binds window and frontier; previous is signed beside it and must agree as well.
      if (n.rootHash !== l.rootHash || !sameEpochLink(n.previous, l.previous)) {
        throw this.equivocation(
          n,
          `two different roots signed for epoch ${n.epoch} size ${n.treeSize}: ${l.rootHash} ` +
            `(previous: ${describeEpochLink(l.previous)}) and ${n.rootHash} (previous: ${describeEpochLink(n.previous)})`,
        );
      }
      return this.acceptSameState(n);
    }
    if (l.treeSize === 0) {
      this.last = n; // every log extends the empty log
      return 'extended';
    }
    let proof = explicitProof;
    if (proof === null && n.consistency !== null && n.consistency.fromSize === l.treeSize) {
      proof = { fromSize: n.consistency.fromSize, treeSize: n.treeSize, path: n.consistency.path };
    }
    if (proof === null) {
      throw new TrustError(
        Problem.GAP,
        `no consistency proof links size ${l.treeSize} to size ${n.treeSize}; fetch the intermediate roots`,
      );
    }
    // RFC 9162's algorithm does not bind the sizes: they must be the two signed ones.
    if (proof.fromSize !== l.treeSize || proof.treeSize !== n.treeSize) {
      throw new TrustError(
        Problem.INCONSISTENT,
        `consistency proof is for sizes ${proof.fromSize} -> ` +
          `${proof.treeSize}, needed ${l.treeSize} -> ${n.treeSize}`,
      );
    }
    if (!(await verifyConsistency(l.treeSize, n.treeSize, proof.path, l.rootHash, n.rootHash))) {
      throw new TrustError(
        Problem.INCONSISTENT,
        `root of size ${n.treeSize} does not extend the accepted ` +
          `root of size ${l.treeSize} (consistency proof fails)`,
      );
    }
    this.last = n;
    return 'extended';
  }

  /**
   * §4.4 rule 4 for one log state signed again: the parts of the segment in progress decide which
   * root is newer. Returns 'parts' when `n` lists more parts, else 'unchanged'.
   */
  acceptSameState(n) {
    const l = this.last;
    const order = partsOrder(l.parts, n.parts);
    if (order === PartsOrder.FORK) {
      throw this.equivocation(
        n,
        `two different lists of parts signed for segment ${n.treeSize} of epoch ${n.epoch}: ` +
          `${l.parts.map((p) => p.uri).join(',')} and ${n.parts.map((p) => p.uri).join(',')}`,
      );
    }
    if (order === PartsOrder.EXTENDS) {
      this.last = n;
      return 'parts';
    }
    // An older state of the same segment (PRECEDES) leaves the newer one we hold.
    if (order === PartsOrder.SAME && n.timeMs >= l.timeMs) this.last = n; // fresher signature
    return 'unchanged';
  }

  /** §4.4 rule 2: an older epoch, the next one (linked by `previous`), or one further on. */
  acceptOtherEpoch(n) {
    const l = this.last;
    if (n.epoch < l.epoch) {
      throw new TrustError(Problem.ROLLBACK, `root of epoch ${n.epoch} after epoch ${l.epoch} was accepted`);
    }
    if (n.epoch > l.epoch + 1) {
      // A whole epoch went by unseen: start again from here, as a reader joining now would.
      this.last = n;
      return 'restarted';
    }
    const p = n.previous; // present and naming l.epoch: readManifestFields checked both
    if (p.treeSize < l.treeSize || (p.treeSize === l.treeSize && p.rootHash !== l.rootHash)) {
      throw this.equivocation(
        n,
        `epoch ${n.epoch} says epoch ${l.epoch} ended at ${describeEpochLink(p)}, but its root of size ` +
          `${l.treeSize} is ${l.rootHash}: the new epoch drops or replaces what was published`,
      );
    }
    if (p.treeSize > l.treeSize) {
      throw new TrustError(
        Problem.GAP,
        `epoch ${n.epoch} starts where epoch ${l.epoch} ended at size ${p.treeSize}; ` +
          `fetch epoch ${l.epoch}'s roots from size ${l.treeSize + 1}`,
      );
    }
    this.last = n;
    return 'new-epoch';
  }

  /** EQUIVOCATION with the portable proof (the accepted root first, `n` second). */
  equivocation(n, message) {
    return new TrustError(Problem.EQUIVOCATION, message, {
      equivocation: equivocationProof(this.last.json, n.json),
    });
  }
}
