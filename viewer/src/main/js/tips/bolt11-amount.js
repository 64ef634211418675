/**
 * BOLT #11 invoices: the bech32 envelope (checksum over the whole invoice, no 90-character limit),
 * the amount in the human-readable part, and the few tagged fields a payer checks before paying
 * (payment hash `p`, description `d`, description hash `h`).
 *
 * Not checked here: the node's secp256k1 signature (the paying wallet checks it; a wrong one makes
 * the payment fail, it cannot redirect money since the payee is the signer) and the expiry.
 */
import { TipError } from './errors.js';
import { toHex } from './sha256.js';

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const CHARSET_REV = new Map([...CHARSET].map((c, i) => [c, i]));
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

/** Longest invoice accepted (characters); BOLT11 has no limit, this only bounds the work. */
export const MAX_INVOICE_LENGTH = 8192;
/** Currency prefixes understood (BOLT11: a reader MUST fail an unknown prefix). */
export const KNOWN_NETWORKS = Object.freeze(['bc', 'tb', 'tbs', 'bcrt', 'sb']);
/** 21 million BTC in millisatoshis: no invoice can ask for more. */
export const MAX_MSAT = 21_000_000n * 100_000_000n * 1000n;

const TIMESTAMP_WORDS = 7;
// Tagged fields of fixed length: p (1), h (23), s (16): 52 words; n (19): 53 words.
const FIXED_LENGTHS = { 1: 52, 23: 52, 16: 52, 19: 53 };
const SIGNATURE_WORDS = 104; // 520 bits

function polymod(values) {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATOR[i];
  }
  return chk >>> 0;
}

function hrpExpand(hrp) {
  const out = [];
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) >> 5);
  out.push(0);
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) & 31);
  return out;
}

function invalid(message) {
  return new TipError('invalid-invoice', message);
}

/**
 * Decodes a bech32 string (BIP-173, constant 1) without its 90-character limit.
 * @param {string} str
 * @param {number} [maxLength]
 * @returns {{hrp: string, words: number[]}} lowercase hrp and the 5-bit data words, checksum removed
 * @throws {TipError} code `invalid-invoice`
 */
export function bech32Decode(str, maxLength = MAX_INVOICE_LENGTH) {
  if (typeof str !== 'string') throw invalid('The invoice is not a string.');
  if (str.length > maxLength) throw invalid('The invoice is too long.');
  const lower = str.toLowerCase();
  if (str !== lower && str !== str.toUpperCase()) throw invalid('The invoice mixes upper and lower case.');
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c < 33 || c > 126) throw invalid('The invoice contains an invalid character.');
  }
  const sep = lower.lastIndexOf('1');
  if (sep < 1) throw invalid('The invoice has no bech32 separator.');
  if (lower.length - sep - 1 < 6) throw invalid('The invoice is too short.');
  const hrp = lower.slice(0, sep);
  const words = [];
  for (const c of lower.slice(sep + 1)) {
    const v = CHARSET_REV.get(c);
    if (v === undefined) throw invalid(`The invoice contains the invalid character "${c}".`);
    words.push(v);
  }
  if (polymod([...hrpExpand(hrp), ...words]) !== 1) throw invalid('The invoice checksum is wrong.');
  return { hrp, words: words.slice(0, -6) };
}

/**
 * Encodes bech32 (BIP-173, constant 1), lowercase. Used to build test invoices.
 * @param {string} hrp lowercase
 * @param {number[]} words 5-bit values
 * @returns {string}
 */
export function bech32Encode(hrp, words) {
  for (const w of words) {
    if (!Number.isInteger(w) || w < 0 || w > 31) throw new RangeError('bech32 words are 5-bit values');
  }
  const mod = polymod([...hrpExpand(hrp), ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  let out = hrp + '1';
  for (const w of words) out += CHARSET[w];
  for (let i = 0; i < 6; i++) out += CHARSET[(mod >>> (5 * (5 - i))) & 31];
  return out;
}

/**
 * Reads the human-readable part of a BOLT11 invoice.
 * @param {string} hrp lowercase, e.g. "lnbc2500u"
 * @returns {{network: string, amountMsat: bigint|null}}
 * @throws {TipError} code `invalid-invoice`
 */
export function parseInvoiceHrp(hrp) {
  // Currency letters, then optionally an amount (digits) and a multiplier letter. A multiplier
  // without digits ends up in the currency, which is then unknown: refused.
  const m = /^ln([a-z]+)(?:([0-9]+)([a-z]?))?$/.exec(hrp);
  if (!m) throw invalid('The invoice prefix is malformed.');
  const [, network, digits, multiplier] = m;
  if (!KNOWN_NETWORKS.includes(network)) throw invalid(`The invoice is for an unknown currency "${network}".`);
  if (digits === undefined) return { network, amountMsat: null };
  if (digits[0] === '0') throw invalid('The invoice amount is zero or has a leading zero.');
  if (digits.length > 30) throw invalid('The invoice amount is absurdly large.');
  const n = BigInt(digits);
  let msat;
  switch (multiplier) {
    case '':
      msat = n * 100_000_000_000n;
      break; // 1 BTC = 1e11 msat
    case 'm':
      msat = n * 100_000_000n;
      break;
    case 'u':
      msat = n * 100_000n;
      break;
    case 'n':
      msat = n * 100n;
      break;
    case 'p':
      if (n % 10n !== 0n) throw invalid('The invoice amount has sub-millisatoshi precision.');
      msat = n / 10n;
      break;
    default:
      throw invalid(`The invoice amount has an unknown multiplier "${multiplier}".`);
  }
  if (msat > MAX_MSAT) throw invalid('The invoice amount is absurdly large.');
  return { network, amountMsat: msat };
}

/** 5-bit words → bytes, dropping a trailing partial byte (BOLT11 pads fields with zero bits). */
function wordsToBytes(words) {
  const out = new Uint8Array(Math.floor((words.length * 5) / 8));
  let acc = 0;
  let bits = 0;
  let i = 0;
  for (const w of words) {
    acc = ((acc << 5) | w) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      if (i < out.length) out[i++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/**
 * Decodes what a payer needs from a BOLT11 invoice, after checking its bech32 checksum.
 * @param {string} invoice
 * @returns {{
 *   network: string,
 *   amountMsat: bigint|null,
 *   timestamp: number,
 *   paymentHash: string|null,
 *   descriptionHash: string|null,
 *   description: string|null,
 * }} hashes as lowercase hex; null when the field is absent
 * @throws {TipError} code `invalid-invoice`
 */
export function decodeBolt11(invoice) {
  const { hrp, words } = bech32Decode(invoice);
  const { network, amountMsat } = parseInvoiceHrp(hrp);
  if (words.length < TIMESTAMP_WORDS + SIGNATURE_WORDS) throw invalid('The invoice is too short.');
  let timestamp = 0;
  for (let i = 0; i < TIMESTAMP_WORDS; i++) timestamp = timestamp * 32 + words[i];

  let paymentHash = null;
  let descriptionHash = null;
  let description = null;
  const end = words.length - SIGNATURE_WORDS;
  let i = TIMESTAMP_WORDS;
  while (i < end) {
    if (end - i < 3) throw invalid('The invoice has a truncated tagged field.');
    const type = words[i];
    const len = words[i + 1] * 32 + words[i + 2];
    const start = i + 3;
    if (start + len > end) throw invalid('The invoice has a tagged field longer than the invoice.');
    const data = words.slice(start, start + len);
    i = start + len;
    // BOLT11 (since lightning/bolts#1243): a p, h, s or n field of another length fails the invoice.
    const fixed = FIXED_LENGTHS[type];
    if (fixed !== undefined && len !== fixed) throw invalid('The invoice has a field of the wrong length.');
    if (type === 1 && paymentHash === null) paymentHash = toHex(wordsToBytes(data));
    else if (type === 23 && descriptionHash === null) descriptionHash = toHex(wordsToBytes(data));
    else if (type === 13 && description === null) {
      description = new TextDecoder('utf-8', { fatal: false }).decode(wordsToBytes(data));
    }
  }
  return { network, amountMsat, timestamp, paymentHash, descriptionHash, description };
}

/**
 * The amount a BOLT11 invoice asks for.
 * @param {string} invoice
 * @returns {bigint|null} millisatoshis, or null when the invoice has no amount
 * @throws {TipError} code `invalid-invoice` for a malformed invoice or a wrong checksum
 */
export function bolt11AmountMsat(invoice) {
  return decodeBolt11(invoice).amountMsat;
}
