// The verdict names of docs/protocol.md §7. They are part of the protocol, not of this code: the
// shared test vectors, the Java verifier and the viewer UI all speak them, so never rename one.

/** Every problem name a verifier may report, frozen so a typo is a TypeError rather than a new verdict. */
export const Problem = Object.freeze({
  MALFORMED: 'MALFORMED',
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  WRONG_KEY: 'WRONG_KEY',
  WRONG_STREAM: 'WRONG_STREAM',
  EXPIRED: 'EXPIRED',
  NOT_YET_VALID: 'NOT_YET_VALID',
  ROLLBACK: 'ROLLBACK',
  EQUIVOCATION: 'EQUIVOCATION',
  INCONSISTENT: 'INCONSISTENT',
  GAP: 'GAP',
  SEGMENT_MISMATCH: 'SEGMENT_MISMATCH',
  NOT_COVERED: 'NOT_COVERED',
  /** A MANIFEST_ROOT whose window and frontier do not hash to the rootHash it signs (§4.3). */
  ROOT_MISMATCH: 'ROOT_MISMATCH',
  PLAYLIST_MISMATCH: 'PLAYLIST_MISMATCH',
  UNAVAILABLE: 'UNAVAILABLE',
  STALE: 'STALE',
});

const KNOWN = new Set(Object.values(Problem));

/**
 * A verification failure. `problem` is one of {@link Problem}; `message` says what exactly was
 * wrong, for a person. An EQUIVOCATION may carry `equivocation`, the portable proof of §4.5
 * ({type: 'EQUIVOCATION_PROOF', v: 2, first, second}) that anyone can re-check.
 */
export class TrustError extends Error {
  constructor(problem, message, options = undefined) {
    if (!KNOWN.has(problem)) {
      // A made-up problem name would silently fall through every switch in the player.
      throw new TypeError(`unknown problem name: ${problem}`);
    }
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'TrustError';
    this.problem = problem;
    if (options?.equivocation !== undefined) {
      this.equivocation = options.equivocation;
    }
  }

  /** "PROBLEM: message", the one-line form the Java CLI prints too. */
  toString() {
    return `${this.problem}: ${this.message}`;
  }
}

/** Shorthand for the overwhelmingly common case. */
export function malformed(message) {
  return new TrustError(Problem.MALFORMED, message);
}
