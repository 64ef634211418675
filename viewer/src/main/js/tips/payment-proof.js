/**
 * The proof of a Lightning payment: the preimage the wallet returns must hash (SHA-256) to the
 * invoice's payment hash. Nothing else lets the page say "Paid": a wallet's word is not proof.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

const HASH_HEX_RE = /^[0-9a-f]{64}$/;

/**
 * @param {unknown} preimageHex what the wallet returned, 64 hex digits
 * @param {unknown} paymentHashHex the invoice's payment hash, 64 lowercase hex digits
 * @returns {boolean} true only when both are well formed and SHA-256(preimage) = payment hash
 */
export function preimageMatches(preimageHex, paymentHashHex) {
  if (typeof preimageHex !== 'string' || typeof paymentHashHex !== 'string') return false;
  const preimage = preimageHex.toLowerCase();
  if (!HASH_HEX_RE.test(preimage) || !HASH_HEX_RE.test(paymentHashHex)) return false;
  return bytesToHex(sha256(hexToBytes(preimage))) === paymentHashHex;
}
