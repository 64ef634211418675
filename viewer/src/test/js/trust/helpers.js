// Shared test fixtures: the vector files (found relative to this file, not the cwd), a signer for
// the vector keys (seeds are published in protocol.json), and a JS transcription of the Java
// Fixtures so tests can build new signed objects the Java side would build byte for byte.

import { readFileSync } from 'node:fs';
import * as noble from '@noble/ed25519';
import {
  canonicalJson,
  encodeBase64Url,
  entryLeafHash,
  fromHex,
  nodeHash,
  rootFromLeafHashes,
  sha256,
  signingInput,
  toHex,
} from '../../../main/js/trust/index.js';

const DOCS = new URL('../../../../../docs/test-vectors/', import.meta.url);

export const protocolVectors = JSON.parse(readFileSync(new URL('protocol.json', DOCS), 'utf8'));
export const merkleVectors = JSON.parse(readFileSync(new URL('merkle.json', DOCS), 'utf8'));

export const NOW_MS = protocolVectors.nowMs;
export const ISSUED_AT_MS = 1_764_000_000_000;
export const EXPIRES_AT_MS = 4_102_444_800_000;
const key = (name) => protocolVectors.keys.find((k) => k.name === name);
export const CREATOR = { seed: fromHex(key('creator').seedHex), pub: key('creator').publicKey };
export const OTHER = { seed: fromHex(key('other').seedHex), pub: key('other').publicKey };

export const hex = (h) => fromHex(h);
export const utf8 = (s) => new TextEncoder().encode(s);

/** Signs a body (object without sig) as `signer`; returns the canonical published text. */
export async function signText(body, signer = CREATOR) {
  const sig = await noble.signAsync(signingInput(body.type, body), signer.seed);
  return canonicalJson({ ...body, sig: encodeBase64Url(sig) });
}

/** Parses the canonical text of a vector object into a plain, mutable body without sig. */
export function bodyOf(text) {
  const o = JSON.parse(text);
  delete o.sig;
  return o;
}

// --- the Java Fixtures, transcribed ---

export function announceBody(seq = 1, signer = CREATOR) {
  return {
    type: 'STREAM_ANNOUNCE',
    v: 2,
    creator: signer.pub,
    name: 'demo',
    title: 'Fixture stream ✓ ünïcødé',
    seq,
    issuedAtMs: ISSUED_AT_MS,
    expiresAtMs: EXPIRES_AT_MS,
    status: 'live',
    latency: 'normal',
    renditions: [
      { name: 'src', bandwidth: 3000000, width: 1280, height: 720, codecs: 'avc1.64001f,mp4a.40.2' },
      { name: '360p', bandwidth: 800000, width: 640, height: 360, codecs: 'avc1.4d401e,mp4a.40.2' },
    ],
    hints: {
      origins: ['https://origin.example/', 'https://relay.example/'],
      trackers: ['wss://tracker.example/announce'],
    },
    tips: { lightning: 'tips@example.com', evm: { address: '0x52908400098527886E0F7030069857D2E4169EE7', chainId: 1 } },
    logs: [],
  };
}

export function segmentBytes(i) {
  return utf8(`segment payload ${i} `.repeat(10 + (i % 5)));
}

export async function fixtureEntry(i) {
  const bytes = segmentBytes(i);
  return {
    index: i,
    uri: `seg-${String(i).padStart(6, '0')}.ts`,
    durationUs: 2000000,
    sha256: toHex(await sha256(bytes)),
    size: bytes.length,
    discontinuity: i % 7 === 3,
  };
}

/** Entry `i` of a forked log: same position, other bytes. */
export async function forkedEntry(i) {
  const bytes = utf8(`forked payload ${i}`);
  return { ...(await fixtureEntry(i)), sha256: toHex(await sha256(bytes)), size: bytes.length };
}

const leafCache = [];
export async function fixtureLeafHashes(size) {
  while (leafCache.length < size) leafCache.push(await entryLeafHash(await fixtureEntry(leafCache.length)));
  return leafCache.slice(0, size);
}

/**
 * The Java Fixtures.manifest body: log of `size` fixture entries, last `windowSize` listed, with the
 * frontier left of them. A root of an epoch after the first links to an empty previous epoch unless
 * `previous` names another link (see `link`). With `forkAt`, entry `forkAt` has other bytes (a
 * forked log, genuinely signed and hashed: rootHash, frontier and proof are those of the fork).
 */
export async function manifestBody(
  epoch,
  size,
  windowSize,
  fromSize,
  signer = CREATOR,
  previous = epoch > 1 ? emptyLink(epoch - 1) : null,
  forkAt = null,
) {
  const leaves = (await fixtureLeafHashes(size)).slice();
  const entryAt = async (i) => (i === forkAt ? forkedEntry(i) : fixtureEntry(i));
  if (forkAt !== null && forkAt < size) leaves[forkAt] = await entryLeafHash(await forkedEntry(forkAt));
  const window = [];
  const first = Math.max(0, size - windowSize);
  for (let i = first; i < size; i++) window.push(await entryAt(i));
  const body = {
    type: 'MANIFEST_ROOT',
    v: 2,
    creator: signer.pub,
    name: 'demo',
    rendition: 'src',
    epoch,
    treeSize: size,
    rootHash: toHex(await rootFromLeafHashes(leaves)),
    timeMs: ISSUED_AT_MS + size * 2000,
    window,
    frontier: (await frontierOf(leaves, first)).map(toHex),
  };
  if (previous !== null) body.previous = previous;
  if (fromSize > 0) {
    body.consistency = { fromSize, path: (await consistencyPath(leaves, fromSize, size)).map(toHex) };
  }
  return body;
}

/** The link to an epoch in which the rendition published nothing (Java EpochLink.empty). */
export function emptyLink(epoch) {
  return { epoch, treeSize: 0, rootHash: EMPTY_HASH };
}

/** The link to the fixture log of `epoch` as it stood at `size` (Java Fixtures.link). */
export async function link(epoch, size) {
  return { epoch, treeSize: size, rootHash: toHex(await mth(await fixtureLeafHashes(size))) };
}

export const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * The frontier left of leaf `first`, by the definition of §4.3 and independent of the viewer's
 * code: MTH(D[a : a + 2^k]) for each set bit 2^k of `first`, highest first.
 */
export async function frontierOf(leaves, first) {
  const out = [];
  let a = 0;
  for (let bit = 2 ** 52; bit >= 1; bit /= 2) {
    if (Math.floor(first / bit) % 2 === 1) {
      out.push(await mth(leaves.slice(a, a + bit)));
      a += bit;
    }
  }
  return out;
}

/**
 * Sets body.rootHash to what its frontier and window hash to, computed the way an append-only log
 * accumulates (a stack of perfect subtrees, merged as leaves arrive, folded right to left at the
 * end) rather than by the viewer's recursion: for tests that edit a window and still need a root
 * that hashes. Returns the body.
 */
export async function rebind(body) {
  const first = body.treeSize - body.window.length;
  const stack = [];
  for (let bit = 2 ** 52; bit >= 1; bit /= 2) {
    if (Math.floor(first / bit) % 2 === 1) stack.push({ width: bit, hash: fromHex(body.frontier[stack.length]) });
  }
  for (const e of body.window) {
    let top = { width: 1, hash: await entryLeafHash(withInit(body, e)) };
    while (stack.length && stack[stack.length - 1].width === top.width) {
      const left = stack.pop();
      top = { width: 2 * top.width, hash: await nodeHash(left.hash, top.hash) };
    }
    stack.push(top);
  }
  let root = stack.length ? stack[stack.length - 1].hash : await sha256(new Uint8Array(0));
  for (let i = stack.length - 2; i >= 0; i--) root = await nodeHash(stack[i].hash, root);
  body.rootHash = toHex(root);
  return body;
}

/** A window entry as the leaf sees it: its `init` uri (fMP4) replaced by the `inits` item it names. */
export function withInit(body, e) {
  if (e.init === undefined) return e;
  return { ...e, init: (body.inits ?? []).find((i) => i.uri === e.init) };
}

// --- an independent prover (RFC 9162 §2.1.3.1 / §2.1.4.1 recursions), for building test proofs ---

const k = (n) => 2 ** Math.floor(Math.log2(n - 1)); // largest power of two below n (n ≥ 2)

async function mth(leaves) {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  if (leaves.length === 1) return leaves[0];
  const split = k(leaves.length);
  return nodeHash(await mth(leaves.slice(0, split)), await mth(leaves.slice(split)));
}

export async function inclusionPath(leaves, m) {
  const n = leaves.length;
  if (n === 1) return [];
  const split = k(n);
  return m < split
    ? [...(await inclusionPath(leaves.slice(0, split), m)), await mth(leaves.slice(split))]
    : [...(await inclusionPath(leaves.slice(split), m - split)), await mth(leaves.slice(0, split))];
}

export async function consistencyPath(leaves, m, n) {
  return m === 0 || m === n ? [] : subproof(m, leaves.slice(0, n), true);
}

async function subproof(m, leaves, known) {
  const n = leaves.length;
  if (m === n) return known ? [] : [await mth(leaves)];
  const split = k(n);
  return m <= split
    ? [...(await subproof(m, leaves.slice(0, split), known)), await mth(leaves.slice(split))]
    : [...(await subproof(m - split, leaves.slice(split), false)), await mth(leaves.slice(0, split))];
}

export { mth as merkleTreeHash };

/** Flips bit `bit` of byte `i` in a copy. */
export function flipBit(bytes, i, bit) {
  const out = Uint8Array.from(bytes);
  out[i] ^= 1 << bit;
  return out;
}
