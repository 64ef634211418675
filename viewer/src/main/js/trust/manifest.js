// MANIFEST_ROOT (protocol §4.3): the creator's signature over one rendition's append-only segment
// log at a given size, plus the window of recent entries the playlist lists. verifyManifest applies
// the single-object rules in the Java Verifier's order (MALFORMED, WRONG_KEY, BAD_SIGNATURE,
// WRONG_STREAM); RootTracker (§4.4) decides whether a verified root may follow the last accepted one.

import { canonicalJson } from './canonical-json.js';
import { readCommonFields } from './common-fields.js';
import { equivocationProof } from './equivocation.js';
import { Fields } from './fields.js';
import { deepFreeze } from './freeze.js';
import { verifyConsistency } from './merkle.js';
import { RENDITION_NAME, RENDITION_RULE, SEGMENT_URI, SEGMENT_URI_RULE } from './names.js';
import { Problem, TrustError, malformed } from './problems.js';
import { expectedKeyText } from './public-key.js';
import { readEnvelope, verifySignedObject } from './signed-object.js';
import { MAX_SAFE_INTEGER, parseStrictJson } from './strict-json.js';

export const MANIFEST_TYPE = 'MANIFEST_ROOT';
export const MAX_WINDOW = 8192;
export const MAX_PROOF = 64;
/** One hour: far beyond any sane segment. */
export const MAX_DURATION_US = 3_600_000_000;
export const MAX_SEGMENT_SIZE = 2 ** 32;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Parses and verifies a MANIFEST_ROOT.
 * @param text the manifest as received: string or bytes (UTF-8)
 * @param expected {creator, name?, rendition?, announce?}: creator is the PUB (text or 32 bytes) the
 *        root must be signed by (null only for tests/tools); name and rendition, when given, must
 *        match (WRONG_STREAM). With `announce` (a verified announce), creator defaults to its
 *        creator, name must be its name, and the rendition must be one it lists (if it lists any).
 * @returns Promise of the frozen root (see readManifestFields); rejects with TrustError
 */
export async function verifyManifest(text, expected = {}) {
  expected ??= {};
  const announce = expected.announce ?? null;
  const creator = expectedKeyText(expected.creator ?? announce?.creator ?? null);
  const json = parseStrictJson(text);
  const root = readManifestFields(readEnvelope(json), json);
  if (creator !== null && creator !== root.creator) {
    throw new TrustError(Problem.WRONG_KEY, `MANIFEST_ROOT is signed for creator ${root.creator}, expected ${creator}`);
  }
  await verifySignedObject(json, MANIFEST_TYPE, root.creatorKey);
  const name = expected.name ?? announce?.name;
  if (name !== undefined && name !== null && root.name !== name) {
    throw new TrustError(Problem.WRONG_STREAM, `manifest is for stream '${root.name}', expected '${name}'`);
  }
  if (expected.rendition !== undefined && expected.rendition !== null && root.rendition !== expected.rendition) {
    throw new TrustError(
      Problem.WRONG_STREAM,
      `manifest is for rendition '${root.rendition}', expected '${expected.rendition}'`,
    );
  }
  if (
    announce !== null &&
    announce.renditions.length > 0 &&
    !announce.renditions.some((r) => r.name === root.rendition)
  ) {
    throw new TrustError(Problem.WRONG_STREAM, `manifest rendition '${root.rendition}' is not in the announce`);
  }
  return root;
}

/**
 * Reads a MANIFEST_ROOT envelope (signature not checked) into the frozen root object:
 *   { type, creator (PUB), creatorKey (Uint8Array 32), name, rendition, epoch, treeSize,
 *     rootHash (64 hex), timeMs, window: [entry], consistency: {fromSize, path: [64 hex]} | null,
 *     json (parsed object with sig), canonicalBody (JCS text without sig) }
 * where entry = {index, uri, durationUs, sha256 (64 hex), size, discontinuity}.
 */
export function readManifestFields(envelope, json) {
  const { f, creator, creatorKey, name } = readCommonFields(envelope, MANIFEST_TYPE);
  const rendition = f.matching('rendition', RENDITION_NAME, RENDITION_RULE);
  const epoch = f.integer('epoch', 1, MAX_SAFE_INTEGER);
  const treeSize = f.integer('treeSize', 0, MAX_SAFE_INTEGER);
  const rootHash = hex(f, 'rootHash');
  const timeMs = f.integer('timeMs', 0, MAX_SAFE_INTEGER);
  const window = f.array('window', MAX_WINDOW).map((item, i) => readEntry(item, `${MANIFEST_TYPE}.window[${i}]`));
  let consistency = null;
  const c = f.optionalObject('consistency');
  if (c !== null) {
    // fromSize ≤ treeSize; a proof from 0 is meaningless (every log extends the empty one).
    const fromSize = c.integer('fromSize', 1, treeSize);
    const path = c.stringArray('path', MAX_PROOF, 64);
    path.forEach((h, i) => {
      if (!SHA256_HEX.test(h)) throw c.error(`path[${i}]`, 'must be 64 lowercase hex characters');
    });
    c.rejectUnknown();
    consistency = { fromSize, path };
  }
  f.rejectUnknown();

  // The window is the log's tail: consecutive indices ending at treeSize − 1.
  if (window.length > treeSize) {
    throw malformed(`${MANIFEST_TYPE}: window holds ${window.length} entries for a log of ${treeSize}`);
  }
  const first = treeSize - window.length;
  window.forEach((e, i) => {
    if (e.index !== first + i) {
      throw malformed(
        `${MANIFEST_TYPE}: window entry ${i} has index ${e.index}, expected ${first + i}` +
          ' (the window must be the last entries of the log)',
      );
    }
  });

  return deepFreeze({
    type: MANIFEST_TYPE,
    creator,
    creatorKey,
    name,
    rendition,
    epoch,
    treeSize,
    rootHash,
    timeMs,
    window,
    consistency,
    json,
    canonicalBody: canonicalJson(envelope.body),
  });
}

function hex(f, name) {
  const v = f.string(name, 64);
  if (!SHA256_HEX.test(v)) throw f.error(name, 'expected 64 lowercase hex characters');
  return v;
}

function readEntry(item, where) {
  const f = new Fields(item, where);
  const entry = {
    index: f.integer('index', 0, MAX_SAFE_INTEGER),
    uri: f.matching('uri', SEGMENT_URI, SEGMENT_URI_RULE),
    durationUs: f.integer('durationUs', 1, MAX_DURATION_US),
    sha256: hex(f, 'sha256'),
    size: f.integer('size', 1, MAX_SEGMENT_SIZE),
    discontinuity: f.bool('discontinuity'),
  };
  f.rejectUnknown();
  return entry;
}

/** The window entry with log index `index`, or null if the window does not cover it. */
export function manifestEntry(root, index) {
  const first = root.treeSize - root.window.length;
  if (!Number.isSafeInteger(index) || index < first || index >= root.treeSize) return null;
  return root.window[index - first];
}

/** The window entry listing `uri`, or null. */
export function manifestEntryByUri(root, uri) {
  return root.window.find((e) => e.uri === uri) ?? null;
}

/**
 * How many intermediate roots one accept() may fetch to close a gap: the same bound as the Java
 * RootTracker.MAX_GAP_FETCHES, counted the same way (roots strictly between the two sizes).
 */
export const MAX_GAP_FETCHES = 1000;

/**
 * Follows one rendition's signed log (§4.4) and accepts a new root only if it provably extends the
 * last accepted one. Give it roots that verifyManifest returned (signature, key and stream checked).
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
   * `.equivocation`, the portable proof), GAP or INCONSISTENT.
   *
   * options.proof: {fromSize, treeSize, path} a consistency proof fetched elsewhere, from the last
   *   accepted size to next.treeSize; otherwise the proof `next` carries is used if its fromSize is
   *   the last accepted size.
   * options.fetchRoot: async (size) => verified root published at that size (the caller fetches
   *   REND/roots/SIZE.json and runs verifyManifest with the same expectations). With it, a GAP is
   *   closed the way the Java RootTracker does: every intermediate size last+1 … next−1 is
   *   fetched and accepted in order (each linked by the proof it carries), then `next`. At most
   *   MAX_GAP_FETCHES (options.maxFetches) roots: beyond that the log restarts from `next`
   *   without fetching; errors of fetchRoot propagate unchanged (use UNAVAILABLE for a failed fetch).
   *
   * @returns Promise of 'first' (nothing was accepted before), 'extended' (proven larger tree),
   *          'new-epoch' (higher epoch: a signed restart of the log), 'restarted' (a gap too long to
   *          walk: the log starts again from `next`) or 'unchanged' (same size, same root). `tracker.last` is the accepted root afterwards.
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
      const from = this.last.treeSize;
      const to = next.treeSize;
      const max = options.maxFetches ?? MAX_GAP_FETCHES;
      if (to - from - 1 > max) {
        // Too far to walk: restart from `next`, a genuine newer root of this log, as a viewer joining
        // now would (acceptOne already refused anything older, forked or of another stream).
        this.last = next;
        return 'restarted';
      }
      for (let size = from + 1; size < to; size++) {
        await this.acceptOne(await options.fetchRoot(size), null);
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
    if (n.epoch !== l.epoch) {
      if (n.epoch < l.epoch) {
        throw new TrustError(Problem.ROLLBACK, `root of epoch ${n.epoch} after epoch ${l.epoch} was accepted`);
      }
      this.last = n;
      return 'new-epoch';
    }
    if (n.treeSize < l.treeSize) {
      throw new TrustError(
        Problem.ROLLBACK,
        `root of tree size ${n.treeSize} after size ${l.treeSize} was accepted (epoch ${n.epoch})`,
      );
    }
    if (n.treeSize === l.treeSize) {
      if (n.rootHash !== l.rootHash) {
        throw new TrustError(
          Problem.EQUIVOCATION,
          `two different roots signed for epoch ${n.epoch} size ${n.treeSize}: ${l.rootHash} and ${n.rootHash}`,
          { equivocation: equivocationProof(l.json, n.json) },
        );
      }
      if (n.timeMs >= l.timeMs) this.last = n; // same log state, fresher signature
      return 'unchanged';
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
}
