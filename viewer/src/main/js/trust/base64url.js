// base64url without padding (RFC 4648 §5), the text form of keys and signatures (protocol §1).
// Decoding is strict in the same way as the Java Base64Url: padding, whitespace, the standard
// '+/' alphabet and non-zero unused trailing bits are refused, so every byte string has exactly
// one spelling and a signature cannot be re-encoded to look like a new one.

import { asUint8 } from './bytes.js';
import { malformed } from './problems.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// 255 marks "not in the alphabet"; a table keeps decoding one lookup per character.
const VALUES = new Uint8Array(128).fill(255);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/** Encodes bytes as base64url without padding. */
export function encodeBase64Url(bytes) {
  const b = asUint8(bytes);
  let out = '';
  let i = 0;
  for (; i + 3 <= b.length; i += 3) {
    const n = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    out += ALPHABET[n >>> 18] + ALPHABET[(n >>> 12) & 63] + ALPHABET[(n >>> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = b.length - i;
  if (rest === 1) {
    const n = b[i] << 16;
    out += ALPHABET[n >>> 18] + ALPHABET[(n >>> 12) & 63];
  } else if (rest === 2) {
    const n = (b[i] << 16) | (b[i + 1] << 8);
    out += ALPHABET[n >>> 18] + ALPHABET[(n >>> 12) & 63] + ALPHABET[(n >>> 6) & 63];
  }
  return out;
}

/**
 * Decodes strict unpadded base64url. With `expectedLength` (bytes), the text must be exactly the
 * length that many bytes encode to (43 characters for a key, 86 for a signature).
 * Throws TrustError(MALFORMED) saying why.
 */
export function decodeBase64Url(text, expectedLength = undefined) {
  if (typeof text !== 'string') {
    throw malformed('base64url value must be a string');
  }
  if (expectedLength !== undefined) {
    const expectedChars = Math.floor((expectedLength * 8 + 5) / 6);
    if (text.length !== expectedChars) {
      throw malformed(`expected ${expectedChars} base64url characters, got ${text.length}`);
    }
  }
  // A remainder of one character cannot encode a whole byte: no valid encoder produces it.
  if (text.length % 4 === 1) {
    throw malformed('truncated base64url (impossible length)');
  }
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? VALUES[c] : 255;
    if (v === 255) {
      throw malformed(`invalid base64url character '${text[i]}' at ${i}`);
    }
    acc = ((acc << 6) | v) & 0xfff; // at most 12 live bits are ever needed
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  // The bits left over (2 or 4) are padding inside the last character; they must be zero, or the
  // same bytes would have several spellings.
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) {
    throw malformed('non-canonical base64url (unused trailing bits are set)');
  }
  return out;
}
