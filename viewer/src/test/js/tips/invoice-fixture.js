/**
 * Builds BOLT11 invoices for tests, signed as BOLT #11 says (secp256k1 over SHA-256 of the
 * human-readable part and the data words as bytes) by a test node key, so that the viewer's
 * signature check accepts them unless a test asks for a hostile variant.
 */
import { createHash } from 'node:crypto';
import { bech32 } from '@scure/base';
import * as secp from '@noble/secp256k1';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils.js';

// Synchronous signing needs HMAC-SHA256 for RFC 6979 nonces; the viewer itself only verifies and
// recovers, which need no hash from the library, so this is set for the tests alone.
secp.hashes.sha256 = sha256;
secp.hashes.hmacSha256 = (key, msg) => hmac(sha256, key, msg);

/** The node key that signs test invoices (the BOLT #11 examples' priv_key, a public test value). */
export const TEST_NODE_SECRET = 'e126f68f7eafcc8b74f54d269fe206be715000f94dac067d1c04a8ca3b2db734';
export const TEST_NODE_KEY = bytesToHex(secp.getPublicKey(hexToBytes(TEST_NODE_SECRET)));

export function bytesToWords(bytes) {
  return bech32.toWords(Uint8Array.from(bytes));
}

/** A tagged field: type, 10-bit length, data words. */
export function field(type, words) {
  return [type, words.length >> 5, words.length & 31, ...words];
}

export function sha256Hex(data) {
  return createHash('sha256').update(data).digest('hex');
}

/** Words → bytes with zero bits up to the byte boundary, as BOLT #11 signs them. */
function signedBytes(words) {
  const bits = words.map((w) => w.toString(2).padStart(5, '0')).join('');
  const bytes = new Uint8Array(Math.ceil(bits.length / 8));
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(bits.slice(i * 8, i * 8 + 8).padEnd(8, '0'), 2);
  return bytes;
}

/** r ‖ s ‖ recovery id, as 104 words. */
function sign(hrp, words, secretKey) {
  const digest = sha256(concatBytes(new TextEncoder().encode(hrp), signedBytes(words)));
  const recovered = secp.sign(digest, hexToBytes(secretKey), { prehash: false, format: 'recovered' });
  return bytesToWords(concatBytes(recovered.subarray(1), recovered.subarray(0, 1)));
}

/**
 * @param {{amount?: string, network?: string, paymentHash?: string|null, descriptionHash?: string|null,
 *          description?: string, timestamp?: number, nodeKey?: string, extraFields?: number[][],
 *          secretKey?: string, signature?: (words: number[]) => number[]}} [spec]
 *   amount: the hrp amount part, e.g. "2500u", "10p", "" for none; paymentHash null: no `p` field;
 *   nodeKey: an `n` field with that key (hex); extraFields: more fields (each from field());
 *   signature: rewrites the 104 signature words (hostile tests)
 */
export function makeInvoice(spec = {}) {
  const {
    amount = '',
    network = 'bc',
    paymentHash = '11'.repeat(32),
    descriptionHash = null,
    description,
    timestamp = 1700000000,
    nodeKey,
    extraFields = [],
    secretKey = TEST_NODE_SECRET,
    signature = (words) => words,
  } = spec;
  const hrp = `ln${network}${amount}`;
  const words = [];
  for (let i = 6; i >= 0; i--) words.push(Math.floor(timestamp / 32 ** i) % 32);
  if (paymentHash !== null) words.push(...field(1, bytesToWords(hexToBytes(paymentHash))));
  if (descriptionHash !== null) words.push(...field(23, bytesToWords(hexToBytes(descriptionHash))));
  if (description !== undefined) words.push(...field(13, bytesToWords(new TextEncoder().encode(description))));
  if (nodeKey !== undefined) words.push(...field(19, bytesToWords(hexToBytes(nodeKey))));
  for (const f of extraFields) words.push(...f);
  return bech32.encode(hrp, [...words, ...signature(sign(hrp, words, secretKey))], false);
}
