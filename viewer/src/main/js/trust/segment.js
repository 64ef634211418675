// The segment check of protocol §6: bytes from any source (origin, relay, bucket, peer) are
// played only if their length equals the signed entry's size and their SHA-256 equals its sha256.
// It runs for every segment, so it costs one length comparison and, only when that passes, one
// digest over the caller's bytes in place (no copy, no hex conversion of the digest).

import { asUint8, fromHex } from './bytes.js';
import { Problem, TrustError } from './problems.js';
import { sha256 } from './sha256.js';

/**
 * @param entry a window entry of an accepted MANIFEST_ROOT ({size, sha256 (64 hex), ...})
 * @param bytes ArrayBuffer, Uint8Array or any view of exactly the segment
 * @returns Promise<boolean> true when length and SHA-256 both match
 */
export async function checkSegment(entry, bytes) {
  const view = asUint8(bytes);
  if (view.byteLength !== entry.size) return false;
  const expected = fromHex(entry.sha256, 32);
  const actual = await sha256(bytes instanceof ArrayBuffer ? bytes : view);
  for (let i = 0; i < 32; i++) if (actual[i] !== expected[i]) return false;
  return true;
}

/** checkSegment that rejects with TrustError(SEGMENT_MISMATCH) instead of resolving false. */
export async function verifySegment(entry, bytes) {
  if (!(await checkSegment(entry, bytes))) {
    throw new TrustError(
      Problem.SEGMENT_MISMATCH,
      `segment ${entry.index ?? '?'} (${entry.uri ?? 'unnamed'}) does not match its signed entry ` +
        `(${asUint8(bytes).byteLength} bytes, signed size ${entry.size})`,
    );
  }
}

/**
 * The part check of protocol §4.3: an LL-HLS part's bytes are played only if their length and
 * SHA-256 equal the signed part's (a `parts` item of an accepted root). Rejects with
 * TrustError(SEGMENT_MISMATCH).
 */
export async function verifyPart(part, bytes) {
  if (!(await checkSegment(part, bytes))) {
    throw new TrustError(
      Problem.SEGMENT_MISMATCH,
      `part ${part.uri} does not match its signed part (${asUint8(bytes).byteLength} bytes, signed size ${part.size})`,
    );
  }
}
