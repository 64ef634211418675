/**
 * The payee node's signature of a BOLT #11 invoice: secp256k1 over SHA-256 of the human-readable
 * part (UTF-8) followed by the data part before the signature, 0 bits appended to a byte boundary.
 * The 520-bit signature is r (32 bytes), s (32 bytes) and a recovery id (0 to 3).
 *
 * BOLT #11 reader rules followed here:
 * - with an `n` field, the signature must verify against that key and be low-S;
 * - without one, the key is recovered from the signature (high-S accepted).
 * Either way a tampered field, amount or signature is refused before any wallet sees the invoice.
 * Recovery alone proves that some node signed exactly these fields, not which node should have:
 * the Lightning address service names the payee, and the page shows the key it recovered.
 */
import * as secp from '@noble/secp256k1';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { bech32 } from '@scure/base';
import { TipError } from './errors.js';

/** The signature's length in 5-bit words: 520 bits. */
export const SIGNATURE_WORDS = 104;

function invalid(message) {
  return new TipError('invalid-invoice', message);
}

/**
 * 5-bit words → bytes with 0 bits appended to the next byte boundary. bech32.fromWords refuses a
 * partial byte, so zero words are added up to a multiple of 8 words (40 bits, whole bytes) and
 * the bytes past the boundary, all zero, are cut off again.
 */
function paddedBytes(words) {
  const zeros = (8 - (words.length % 8)) % 8;
  const bytes = bech32.fromWords([...words, ...new Array(zeros).fill(0)]);
  return bytes.subarray(0, Math.ceil((words.length * 5) / 8));
}

/**
 * @param {string} hrp lowercase human-readable part
 * @param {ArrayLike<number>} signedWords timestamp and tagged fields
 * @param {ArrayLike<number>} signatureWords the last 104 words
 * @param {string|null} nodeKey the `n` field (hex), if any
 * @returns {string} the payee node's compressed public key, lowercase hex
 * @throws {TipError} code `invalid-invoice`
 */
export function checkInvoiceSignature(hrp, signedWords, signatureWords, nodeKey) {
  const signature = bech32.fromWords(Array.from(signatureWords));
  const digest = sha256(concatBytes(utf8ToBytes(hrp), paddedBytes(Array.from(signedWords))));
  const compact = signature.subarray(0, 64);
  const recoveryId = signature[64];
  if (nodeKey !== null) {
    let valid;
    try {
      valid = secp.verify(compact, digest, hexToBytes(nodeKey), { prehash: false, lowS: true });
    } catch {
      valid = false;
    }
    if (!valid) throw invalid("The invoice's signature does not match its node key (n field): not paying it.");
    return nodeKey;
  }
  if (recoveryId > 3) throw invalid("The invoice's signature has an invalid recovery id: not paying it.");
  try {
    const recovered = concatBytes(Uint8Array.of(recoveryId), compact);
    return bytesToHex(secp.recoverPublicKey(recovered, digest, { prehash: false }));
  } catch {
    throw invalid("The invoice's signature is not valid: not paying it.");
  }
}
