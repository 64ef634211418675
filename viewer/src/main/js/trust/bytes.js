// Small byte helpers shared by the trust modules: hex in the protocol's one spelling (lowercase),
// views without copies, and equality. Kept apart so no module pulls in more than it needs.

import { malformed } from './problems.js';

const HEX = '0123456789abcdef';

/** Lowercase hex of bytes. */
export function toHex(bytes) {
  const b = asUint8(bytes);
  let out = '';
  for (let i = 0; i < b.length; i++) out += HEX[b[i] >>> 4] + HEX[b[i] & 15];
  return out;
}

/**
 * Parses lowercase hex (uppercase refused: every hash has one spelling, as in the Java Digest).
 * With `expectedBytes`, the length must match. Throws TrustError(MALFORMED).
 */
export function fromHex(text, expectedBytes = undefined) {
  if (typeof text !== 'string' || text.length % 2 !== 0) {
    throw malformed('expected an even number of lowercase hex characters');
  }
  if (expectedBytes !== undefined && text.length !== expectedBytes * 2) {
    throw malformed(`expected ${expectedBytes * 2} lowercase hex characters`);
  }
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(text.charCodeAt(2 * i));
    const lo = nibble(text.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) {
      throw malformed(`expected lowercase hex, found '${text.substr(2 * i, 2)}'`);
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

function nibble(c) {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  return -1;
}

/** True for exactly 64 lowercase hex characters (a SHA-256 value in text form). */
export function isSha256Hex(text) {
  return typeof text === 'string' && /^[0-9a-f]{64}$/.test(text);
}

/** A Uint8Array over the same memory as `bytes` (ArrayBuffer or any view); never copies. */
export function asUint8(bytes) {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (typeof SharedArrayBuffer !== 'undefined' && bytes instanceof SharedArrayBuffer) return new Uint8Array(bytes);
  throw new TypeError('expected bytes (Uint8Array, ArrayBuffer or a view)');
}

/** Byte equality (public values only: not constant-time). */
export function bytesEqual(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Concatenation into one new array. */
export function concatBytes(...parts) {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
