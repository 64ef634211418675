// The segment log's Merkle tree (protocol §4.1–4.2): RFC 9162 §2.1 hashing over 57-byte leaf
// inputs (97 bytes for an fMP4 segment, which also binds its initialization section), and the RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) verification
// algorithms, transcribed from the RFC like the Java InclusionProof / ConsistencyProof. Proof
// elements come from untrusted peers: verification answers false, it never throws on bad input.
//
// Hashes are Uint8Array(32); functions taking a hash also accept its 64-lowercase-hex text.

import { asUint8, bytesEqual, concatBytes, fromHex, isSha256Hex } from './bytes.js';
import { sha256 } from './sha256.js';

export const LEAF_INPUT_LENGTH = 57;
/** The leaf input of an fMP4 segment: the 57 bytes, then its init section's sha256 (32) and size (u64). */
export const INIT_LEAF_INPUT_LENGTH = LEAF_INPUT_LENGTH + 40;
/** Flags bit 0: the segment starts a discontinuity. */
const FLAG_DISCONTINUITY = 1;
/** Flags bit 1: the segment is fMP4 and needs the initialization section named in the leaf. */
const FLAG_HAS_INIT = 2;
const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);
const TWO_32 = 2 ** 32;

/**
 * The leaf input of a log entry {index, sha256, size, durationUs, discontinuity, init?}:
 * index u64 BE | sha256 (32) | size u64 BE | durationUs u64 BE | flags u8 (bit 0 = discontinuity,
 * bit 1 = has an init section), and for an entry with `init` ({sha256, size}, an fMP4 segment)
 * init sha256 (32) | init size u64 BE. Binding the init into the leaf puts it under the same
 * signature and the same append-only rules as the segment itself.
 */
export function leafInput(entry) {
  const init = entry.init ?? null;
  const out = new Uint8Array(init === null ? LEAF_INPUT_LENGTH : INIT_LEAF_INPUT_LENGTH);
  const view = new DataView(out.buffer);
  putU64(view, 0, entry.index);
  out.set(hash32(entry.sha256), 8);
  putU64(view, 40, entry.size);
  putU64(view, 48, entry.durationUs);
  out[56] = (entry.discontinuity ? FLAG_DISCONTINUITY : 0) | (init === null ? 0 : FLAG_HAS_INIT);
  if (init !== null) {
    out.set(hash32(init.sha256), 57);
    putU64(view, 89, init.size);
  }
  return out;
}

// Values are safe integers (< 2^53), so two 32-bit halves hold them exactly.
function putU64(view, offset, n) {
  if (!Number.isSafeInteger(n) || n < 0) throw new TypeError(`not an unsigned safe integer: ${n}`);
  view.setUint32(offset, Math.floor(n / TWO_32));
  view.setUint32(offset + 4, n % TWO_32);
}

/** SHA-256(0x00 || leafInput). */
export function leafHash(leafInputBytes) {
  return sha256(concatBytes(LEAF_PREFIX, asUint8(leafInputBytes)));
}

/** The leaf hash of a log entry: leafHash(leafInput(entry)). */
export function entryLeafHash(entry) {
  return leafHash(leafInput(entry));
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left, right) {
  return sha256(concatBytes(NODE_PREFIX, hash32(left), hash32(right)));
}

/** The root of the empty tree, SHA-256(""). */
export function emptyRoot() {
  return sha256(new Uint8Array(0));
}

/**
 * MTH(D[n]) of RFC 9162 §2.1.1 over leaf hashes: split at the largest power of two below n.
 * Computed bottom-up by pairing (which yields exactly that shape), O(n) hashes.
 */
export async function rootFromLeafHashes(leafHashes) {
  if (leafHashes.length === 0) return emptyRoot();
  let level = leafHashes.map(hash32);
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
    const carried = level.length % 2 === 1 ? level[level.length - 1] : null;
    level = await Promise.all(next);
    if (carried !== null) level.push(carried); // a lone right edge moves up unchanged
  }
  return level[0];
}

/**
 * RFC 9162 §2.1.3.2: does `path` prove the leaf with hash `leaf` is at `leafIndex` in the tree of
 * `treeSize` leaves whose root is `root`? Resolves true or false.
 */
export async function verifyInclusion(leafIndex, treeSize, path, leaf, root) {
  const p = hashes(path);
  const l = hashOrNull(leaf);
  const r = hashOrNull(root);
  if (p === null || l === null || r === null || !isCount(leafIndex) || !isCount(treeSize) || leafIndex >= treeSize) {
    return false;
  }
  // fn walks the leaf's position up the tree, sn the last leaf's. Division by 2 rather than >>> 1:
  // sizes may exceed 2^32.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let acc = l;
  for (const c of p) {
    if (sn === 0) return false; // more elements than the tree has levels
    if (fn % 2 === 1 || fn === sn) {
      acc = await nodeHash(c, acc);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      acc = await nodeHash(acc, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(acc, r);
}

/**
 * RFC 9162 §2.1.4.2: does `path` prove the tree of `size1` leaves with root `root1` is a prefix of
 * the tree of `size2` leaves with root `root2`? Equal sizes need an empty path and equal roots;
 * from size 0 only the empty path is a proof. The algorithm itself does not bind the sizes to the
 * roots: callers must pass the sizes that were signed with those roots (RootTracker does).
 */
export async function verifyConsistency(size1, size2, path, root1, root2) {
  const p = hashes(path);
  const r1 = hashOrNull(root1);
  const r2 = hashOrNull(root2);
  if (p === null || r1 === null || r2 === null || !isCount(size1) || !isCount(size2) || size1 > size2) {
    return false;
  }
  if (size1 === size2) return p.length === 0 && bytesEqual(r1, r2);
  if (size1 === 0) return p.length === 0;
  if (p.length === 0) return false;

  // A power-of-two old size is one complete subtree of the new tree, so the prover left its hash
  // out (the verifier has it as root1): put it back as the seed.
  const seedIsOldRoot = isPowerOfTwo(size1);
  let next = seedIsOldRoot ? 0 : 1;
  const seed = seedIsOldRoot ? r1 : p[0];
  let fn = size1 - 1;
  let sn = size2 - 1;
  // Levels where the old tree's last node is a right child are shared by both trees.
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = seed;
  let sr = seed;
  for (; next < p.length; next++) {
    const c = p[next];
    if (sn === 0) return false; // more elements than the new tree has levels
    if (fn % 2 === 1 || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, r1) && bytesEqual(sr, r2);
}

function half(n) {
  return Math.floor(n / 2);
}

function isCount(n) {
  return Number.isSafeInteger(n) && n >= 0;
}

function isPowerOfTwo(n) {
  // n ≥ 1 here; exact for all safe integers since powers of two are exact doubles.
  return 2 ** Math.round(Math.log2(n)) === n;
}

/** A 32-byte hash from bytes or 64-lowercase-hex; throws TypeError otherwise (caller's bug). */
function hash32(h) {
  const b = hashOrNull(h);
  if (b === null) throw new TypeError('expected a SHA-256 value (32 bytes or 64 lowercase hex)');
  return b;
}

function hashOrNull(h) {
  if (typeof h === 'string') return isSha256Hex(h) ? fromHex(h) : null;
  try {
    const b = asUint8(h);
    return b.length === 32 ? b : null;
  } catch {
    return null;
  }
}

function hashes(path) {
  if (!Array.isArray(path)) return null;
  const out = [];
  for (const h of path) {
    const b = hashOrNull(h);
    if (b === null) return null;
    out.push(b);
  }
  return out;
}
