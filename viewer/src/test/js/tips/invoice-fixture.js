/**
 * Builds well-formed BOLT11 invoices for tests (valid bech32 checksum; the signature is 104 words
 * of filler, since nothing here checks it). Usable by the browser test's LNURL endpoint too.
 */
import { createHash } from 'node:crypto';
import { bech32Encode } from '../../../main/js/tips/bolt11-amount.js';

export function bytesToWords(bytes) {
  const words = [];
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      words.push((acc >> bits) & 31);
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) words.push((acc << (5 - bits)) & 31);
  return words;
}

function field(type, words) {
  return [type, words.length >> 5, words.length & 31, ...words];
}

export function sha256Hex(data) {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * @param {{amount?: string, network?: string, paymentHash?: string, descriptionHash?: string|null,
 *          description?: string, timestamp?: number}} [spec]
 *   amount: the hrp amount part, e.g. "2500u", "10p", "" for none
 */
export function makeInvoice(spec = {}) {
  const {
    amount = '',
    network = 'bc',
    paymentHash = '11'.repeat(32),
    descriptionHash = null,
    description,
    timestamp = 1700000000,
  } = spec;
  const words = [];
  for (let i = 6; i >= 0; i--) words.push(Math.floor(timestamp / 32 ** i) % 32);
  words.push(...field(1, bytesToWords(Buffer.from(paymentHash, 'hex'))));
  if (descriptionHash !== null) words.push(...field(23, bytesToWords(Buffer.from(descriptionHash, 'hex'))));
  if (description !== undefined) words.push(...field(13, bytesToWords(Buffer.from(description, 'utf8'))));
  for (let i = 0; i < 104; i++) words.push((i * 7) % 32);
  return bech32Encode(`ln${network}${amount}`, words);
}
