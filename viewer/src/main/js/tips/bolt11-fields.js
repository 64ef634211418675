/**
 * The tagged fields of a BOLT #11 invoice that a payer relies on: payment hash `p`, description
 * `d`, description hash `h` and payee node key `n`. Rules, stricter than "take the first one":
 *
 * - No `p`: refused. Without a payment hash there is nothing a preimage could prove, so the page
 *   could never tell a paid invoice from an unpaid one.
 * - A second `p`, `h`, `n` or `d`: refused. A writer MUST include exactly one of each; with two,
 *   the hash this page checks and the one a wallet pays could differ.
 * - `p`, `h`, `s` or `n` of another length than 52, 52, 52, 53 words: refused. The BOLT #11
 *   reader rule (it once said "skip"; either way such a field is never used, and refusing keeps
 *   a look-alike field from hiding behind a valid one).
 * - Unknown fields are skipped. Fields a wallet judges (`s`, features `9`, routes, expiry) are
 *   left to the wallet.
 */
import { bech32 } from '@scure/base';
import { bytesToHex } from '@noble/hashes/utils.js';
import { TipError } from './errors.js';

const PAYMENT_HASH = 1;
const DESCRIPTION = 13;
const SECRET = 16;
const NODE_KEY = 19;
const DESCRIPTION_HASH = 23;

const FIXED_LENGTHS = { [PAYMENT_HASH]: 52, [DESCRIPTION_HASH]: 52, [SECRET]: 52, [NODE_KEY]: 53 };
const AT_MOST_ONCE = { [PAYMENT_HASH]: 'p', [DESCRIPTION_HASH]: 'h', [NODE_KEY]: 'n', [DESCRIPTION]: 'd' };

function invalid(message) {
  return new TipError('invalid-invoice', message);
}

/** 5-bit words → bytes; BOLT #11 writers pad with zero bits, anything else is refused. */
function fieldBytes(words, letter) {
  try {
    return bech32.fromWords(words);
  } catch {
    throw invalid(`The invoice's "${letter}" field is not padded with zero bits.`);
  }
}

/**
 * @param {ArrayLike<number>} words the tagged fields: after the timestamp, before the signature
 * @returns {{paymentHash: string, descriptionHash: string|null, description: string|null,
 *            nodeKey: string|null}} hashes and key as lowercase hex; null when absent
 * @throws {TipError} code `invalid-invoice`
 */
export function readTaggedFields(words) {
  const found = new Map();
  let i = 0;
  while (i < words.length) {
    if (words.length - i < 3) throw invalid('The invoice has a truncated tagged field.');
    const type = words[i];
    const length = words[i + 1] * 32 + words[i + 2];
    const start = i + 3;
    if (start + length > words.length) throw invalid('The invoice has a tagged field longer than the invoice.');
    i = start + length;
    const fixed = FIXED_LENGTHS[type];
    if (fixed !== undefined && length !== fixed) throw invalid('The invoice has a field of the wrong length.');
    const letter = AT_MOST_ONCE[type];
    if (letter === undefined) continue;
    if (found.has(type)) throw invalid(`The invoice has more than one "${letter}" field: not paying it.`);
    found.set(type, fieldBytes(Array.from(words.slice(start, start + length)), letter));
  }
  if (!found.has(PAYMENT_HASH)) throw invalid('The invoice has no payment hash: not paying it.');
  const hex = (type) => (found.has(type) ? bytesToHex(found.get(type)) : null);
  return {
    paymentHash: hex(PAYMENT_HASH),
    descriptionHash: hex(DESCRIPTION_HASH),
    description: found.has(DESCRIPTION) ? new TextDecoder('utf-8').decode(found.get(DESCRIPTION)) : null,
    nodeKey: hex(NODE_KEY),
  };
}
