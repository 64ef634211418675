// Recomputes a log's root from what a MANIFEST_ROOT carries (protocol §4.3): the frontier (the
// complete subtrees left of the window) and the window's own entries. A verifier that does this has
// accepted every byte the window lets a player play, not just a hash signed beside it.
//
// The walk is RFC 9162's MTH recursion (split at the largest power of two below the width). A range
// wholly left of the window is always one frontier subtree: only the tree's right edge is incomplete
// and it reaches into the window, so every node left of `first` is complete and aligned, and the
// first such node the recursion meets is a maximal one — exactly one frontier entry.
//
// Hashing is synchronous (@noble/hashes) into two reused buffers: a root is one hash per window leaf
// and per inner node, ≈ 2 × the window (16k hashes for an ended stream's 8192 entries), and awaiting
// WebCrypto once per 65-byte node costs more in promise turns than the hashing itself
// (tools/bench-frontier.mjs measures both).

import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { fromHex, toHex } from './bytes.js';
import { INIT_LEAF_INPUT_LENGTH, LEAF_INPUT_LENGTH, leafInput } from './merkle.js';

/** SHA-256("") in hex: the root of an empty log (also previous.rootHash of an epoch that had none). */
export const EMPTY_TREE_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** How many frontier hashes a window starting at leaf `first` comes with: the set bits of `first`. */
export function frontierCount(first) {
  let count = 0;
  // Division, not bit operators: sizes are safe integers up to 2^53, beyond 32-bit operators.
  for (let rest = first; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}

/** The largest power of two ≤ n (n ≥ 1, a safe integer). */
export function highestPowerOfTwo(n) {
  let p = 2 ** Math.floor(Math.log2(n));
  // log2 may round up just below a power of two (2^53 − 1 → 53): correct by one step either way.
  if (p > n) p /= 2;
  if (p * 2 <= n) p *= 2;
  return p;
}

/**
 * The frontier's layout for a window starting at `first`: [{start, width}] for each set bit of
 * `first`, highest first, `start` growing by each width (the order the hashes are listed in).
 */
export function frontierSpans(first) {
  const spans = [];
  let start = 0;
  for (let rest = first; rest > 0;) {
    const width = highestPowerOfTwo(rest);
    spans.push({ start, width });
    start += width;
    rest -= width;
  }
  return spans;
}

/**
 * MTH(D[0 : first + window.length]) as 64 lowercase hex, from the frontier hashes (64-hex, exactly
 * frontierCount(first) of them: the caller checked) and the window entries (parsed, with index,
 * sha256, size, durationUs, discontinuity, and init {sha256, size} for an fMP4 segment).
 */
export function rootFromFrontier(first, frontier, window) {
  const size = first + window.length;
  if (size === 0) return EMPTY_TREE_HASH;
  const hasher = new TreeHasher();
  const byStart = new Map();
  frontierSpans(first).forEach((s, i) => byStart.set(s.start, { width: s.width, hash: fromHex(frontier[i], 32) }));
  const leaves = window.map((e) => hasher.leaf(leafInput(e)));

  const hash = (start, end) => {
    if (end <= first) {
      const span = byStart.get(start);
      if (span !== undefined && span.width === end - start) return span.hash;
      // Unreachable with frontierCount(first) hashes (see the top of this file); never recurse to a leaf.
      if (end - start === 1) throw new Error(`leaf ${start} is left of the window but in no frontier subtree`);
    } else if (start >= first && end - start === 1) {
      return leaves[start - first];
    }
    const k = highestPowerOfTwo(end - start - 1);
    return hasher.node(hash(start, start + k), hash(start + k, end));
  };
  return toHex(hash(0, size));
}

/** RFC 9162 leaf and node hashes, synchronous, each written into a reused input buffer. */
class TreeHasher {
  constructor() {
    // 0x00 || leaf input, one buffer per leaf length (57 bytes for TS, 97 for fMP4).
    this.leafBuffers = new Map([LEAF_INPUT_LENGTH, INIT_LEAF_INPUT_LENGTH].map((n) => [n, new Uint8Array(1 + n)]));
    this.nodeBuffer = new Uint8Array(65); // 0x01 || left || right
    this.nodeBuffer[0] = 1;
  }

  leaf(input) {
    const buffer = this.leafBuffers.get(input.length);
    buffer.set(input, 1);
    return nobleSha256(buffer);
  }

  node(left, right) {
    this.nodeBuffer.set(left, 1);
    this.nodeBuffer.set(right, 33);
    return nobleSha256(this.nodeBuffer);
  }
}
