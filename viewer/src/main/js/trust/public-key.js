// A creator's identity (protocol §1): a 32-byte Ed25519 public key written as 43 base64url
// characters, the PUB in every stream URL. One spelling per key, so comparing texts compares keys.

import { decodeBase64Url, encodeBase64Url } from './base64url.js';
import { asUint8 } from './bytes.js';
import { malformed } from './problems.js';

export const PUBLIC_KEY_LENGTH = 32;

/** Parses a PUB (43 strict base64url characters) into its 32 bytes. Throws TrustError(MALFORMED). */
export function parsePublicKey(text) {
  try {
    return decodeBase64Url(text, PUBLIC_KEY_LENGTH);
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
  return encodeBase64Url(bytes);
}
