// MANIFEST_ROOT (protocol §4.3): the creator's signature over one rendition's append-only segment
// log at a given size, plus the window of recent entries the playlist lists and the frontier that
// binds that window to the signed root. verifyManifest applies the single-object rules in the Java
// Verifier's order (MALFORMED, WRONG_KEY, BAD_SIGNATURE, ROOT_MISMATCH, WRONG_STREAM); RootTracker
// (root-tracker.js, §4.4) decides whether a verified root may follow the last accepted one.

import { canonicalJson } from './canonical-json.js';
import { readCommonFields } from './common-fields.js';
import { readEpochLink } from './epoch-link.js';
import { Fields } from './fields.js';
import { deepFreeze } from './freeze.js';
import { frontierCount, rootFromFrontier } from './frontier.js';
import { checkParts, readParts } from './parts.js';
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
/** Initialization sections one root may list (§4.3): a few packager runs within one window. */
export const MAX_INITS = 8;
/** An init section is ftyp+moov, a few KiB; 1 MiB bounds what a viewer fetches for one. */
export const MAX_INIT_SIZE = 1024 * 1024;
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
  // After the signature, as in Java: a root that does not hash is the signer's error, not a forgery.
  const recomputed = rootFromFrontier(root.treeSize - root.window.length, root.frontier, root.window);
  if (recomputed !== root.rootHash) {
    throw new TrustError(
      Problem.ROOT_MISMATCH,
      `the window and frontier of the root of size ${root.treeSize} hash to ${recomputed}, ` +
        `not to the signed rootHash ${root.rootHash}`,
    );
  }
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
 *     rootHash (64 hex), timeMs, window: [entry], frontier: [64 hex],
 *     previous: {epoch, treeSize, rootHash} | null, consistency: {fromSize, path: [64 hex]} | null,
 *     json (parsed object with sig), canonicalBody (JCS text without sig) }
 * where entry = {index, uri, durationUs, sha256 (64 hex), size, discontinuity, init} and init is
 * null (an MPEG-TS segment) or the `inits` item {uri, sha256, size} the fMP4 segment needs; the root
 * also carries `inits`: [init] (empty when the rendition is MPEG-TS) and `parts`: [part] (parts.js;
 * empty unless the root lists completed LL-HLS parts of segment `treeSize`), where part =
 * {uri, durationUs, sha256, size, independent, init}.
 */
export function readManifestFields(envelope, json) {
  const { f, creator, creatorKey, name } = readCommonFields(envelope, MANIFEST_TYPE);
  const rendition = f.matching('rendition', RENDITION_NAME, RENDITION_RULE);
  const epoch = f.integer('epoch', 1, MAX_SAFE_INTEGER);
  const treeSize = f.integer('treeSize', 0, MAX_SAFE_INTEGER);
  const rootHash = hex(f, 'rootHash');
  const timeMs = f.integer('timeMs', 0, MAX_SAFE_INTEGER);
  const inits = f.has('inits') ? readInits(f) : [];
  const byUri = new Map(inits.map((i) => [i.uri, i]));
  const window = f
    .array('window', MAX_WINDOW)
    .map((item, i) => readEntry(item, `${MANIFEST_TYPE}.window[${i}]`, byUri));
  const parts = readParts(f, MANIFEST_TYPE, (g) => readBytesRef(g, byUri));
  // An unreferenced init is bytes a relay would mirror and nobody plays: refuse it (§4.3).
  const used = new Set([...window, ...parts].map((e) => e.init?.uri));
  for (const i of inits) {
    if (!used.has(i.uri)) {
      throw malformed(`${MANIFEST_TYPE}: inits lists ${i.uri}, which no window entry or part uses`);
    }
  }
  const frontier = f.stringArray('frontier', MAX_PROOF, 64);
  frontier.forEach((h, i) => {
    if (!SHA256_HEX.test(h)) throw f.error(`frontier[${i}]`, 'must be 64 lowercase hex characters');
  });
  const previous = readEpochLink(f, epoch, MANIFEST_TYPE);
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
  if (frontier.length !== frontierCount(first)) {
    throw malformed(
      `${MANIFEST_TYPE}: frontier holds ${frontier.length} hashes; a window starting at leaf ${first}` +
        ` needs ${frontierCount(first)}`,
    );
  }
  checkParts(parts, window, inits, MANIFEST_TYPE);

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
    inits,
    parts,
    frontier,
    previous,
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

/** The `inits` array: 1..MAX_INITS items {uri, sha256, size}, each uri listed once. */
function readInits(f) {
  const items = f.array('inits', MAX_INITS);
  if (items.length === 0) throw f.error('inits', 'must list at least one init section when present');
  const inits = items.map((item, i) => {
    const g = new Fields(item, `${MANIFEST_TYPE}.inits[${i}]`);
    const init = {
      uri: g.matching('uri', SEGMENT_URI, SEGMENT_URI_RULE),
      sha256: hex(g, 'sha256'),
      size: g.integer('size', 1, MAX_INIT_SIZE),
    };
    g.rejectUnknown();
    return init;
  });
  const seen = new Set();
  for (const i of inits) {
    if (seen.has(i.uri)) throw malformed(`${MANIFEST_TYPE}: inits lists ${i.uri} twice`);
    seen.add(i.uri);
  }
  return inits;
}

function readEntry(item, where, initsByUri) {
  const f = new Fields(item, where);
  const entry = {
    index: f.integer('index', 0, MAX_SAFE_INTEGER),
    uri: f.matching('uri', SEGMENT_URI, SEGMENT_URI_RULE),
    durationUs: f.integer('durationUs', 1, MAX_DURATION_US),
    ...readBytesRef(f, initsByUri),
    discontinuity: f.bool('discontinuity'),
  };
  f.rejectUnknown();
  return entry;
}

/** What names the bytes of a window entry or a part: {sha256, size, init (an inits item or null)}. */
function readBytesRef(f, initsByUri) {
  const ref = { sha256: hex(f, 'sha256'), size: f.integer('size', 1, MAX_SEGMENT_SIZE), init: null };
  if (f.has('init')) {
    const uri = f.matching('init', SEGMENT_URI, SEGMENT_URI_RULE);
    ref.init = initsByUri.get(uri) ?? null;
    if (ref.init === null) throw f.error('init', `names ${uri}, which inits does not list`);
  }
  return ref;
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
