// A creator's identity (protocol §1): a 32-byte Ed25519 public key written as 43 base64url
// characters, the PUB in every stream URL. One spelling per key, so comparing texts compares keys.

import { decodeBase64Url, encodeBase64Url } from './base64url.js';
import { asUint8 } from './bytes.js';
import { malformed } from './problems.js';

export const PUBLIC_KEY_LENGTH = 32;

// p = 2^255 - 19. A y at or above p is a second spelling of y - p (RFC 8032 §5.1.3 refuses it).
const FIELD_PRIME = 2n ** 255n - 19n;

// The y of two of the four points of order 8; the other two have p - y.
const ORDER_8_Y = 0x05fc536d880238b13933c6d305acdfd5f098eff289f4c345b027b2c28f95e826n;

// The y of every point whose order divides the cofactor 8: the identity (1), the point of order 2
// (p - 1), the two of order 4 (0) and the four of order 8 (±ORDER_8_Y). Such a point names nobody:
// signatures it accepts can be made without any secret. Matching on y covers both x signs; with
// y < p checked first, every spelling. Same rule and words as the Java PublicKey.
const SMALL_ORDER_Y = new Set([0n, 1n, FIELD_PRIME - 1n, ORDER_8_Y, FIELD_PRIME - ORDER_8_Y]);

/** Throws an Error saying why 32 bytes are not a creator key (y ≥ p, or a small-order point). */
function checkCreatorKey(bytes) {
  let y = 0n;
  for (let i = PUBLIC_KEY_LENGTH - 1; i >= 0; i--) {
    // little-endian; the top bit of the last byte is the sign of x, not part of y
    y = (y << 8n) | BigInt(i === PUBLIC_KEY_LENGTH - 1 ? bytes[i] & 0x7f : bytes[i]);
  }
  if (y >= FIELD_PRIME) throw new Error('not a canonical Ed25519 public key: y ≥ p');
  // Also covers x = 0 with the sign bit set (y = 1 or p - 1), which RFC 8032 §5.1.3 refuses.
  if (SMALL_ORDER_Y.has(y)) throw new Error('a small-order point cannot be a creator key');
}

/** Parses a PUB (43 strict base64url characters) into its 32 bytes. Throws TrustError(MALFORMED). */
export function parsePublicKey(text) {
  try {
    const bytes = decodeBase64Url(text, PUBLIC_KEY_LENGTH);
    checkCreatorKey(bytes);
    return bytes;
  } catch (e) {
    throw malformed(`not an Ed25519 public key: ${e.message}`);
  }
}

/**
 * The canonical PUB text of an expected key given as text or bytes; null/undefined stay null.
 * A malformed expectation is the caller's bug (or a bad URL the caller should have rejected with
 * parsePublicKey), so it is a TypeError, not a verdict about the object.
 */
export function expectedKeyText(key) {
  if (key === null || key === undefined) return null;
  if (typeof key === 'string') {
    try {
      parsePublicKey(key);
    } catch (e) {
      throw new TypeError(`expected creator key is invalid: ${e.message}`);
    }
    return key;
  }
  const bytes = asUint8(key);
  if (bytes.length !== PUBLIC_KEY_LENGTH) {
    throw new TypeError(`expected creator key must be ${PUBLIC_KEY_LENGTH} bytes`);
  }
  try {
    checkCreatorKey(bytes);
  } catch (e) {
    throw new TypeError(`expected creator key is invalid: ${e.message}`);
  }
  return encodeBase64Url(bytes);
}
