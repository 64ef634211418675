/**
 * The human-readable part of a BOLT #11 invoice: `ln` + currency prefix + optional amount and
 * multiplier. The amount is what the payer is asked for, so it is read exactly (BigInt, msat).
 */
import { TipError } from './errors.js';

/** Currency prefixes understood (BOLT11: a reader MUST fail an unknown prefix). */
export const KNOWN_NETWORKS = Object.freeze(['bc', 'tb', 'tbs', 'bcrt', 'sb']);
/** 21 million BTC in millisatoshis: no invoice can ask for more. */
export const MAX_MSAT = 21_000_000n * 100_000_000n * 1000n;

const MSAT_PER_UNIT = { '': 100_000_000_000n, m: 100_000_000n, u: 100_000n, n: 100n };

function invalid(message) {
  return new TipError('invalid-invoice', message);
}

/**
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
  if (multiplier === 'p') {
    // pico-BTC: 10 of them make a millisatoshi, the smallest amount a payment can carry.
    if (n % 10n !== 0n) throw invalid('The invoice amount has sub-millisatoshi precision.');
    msat = n / 10n;
  } else if (multiplier in MSAT_PER_UNIT) {
    msat = n * MSAT_PER_UNIT[multiplier];
  } else {
    throw invalid(`The invoice amount has an unknown multiplier "${multiplier}".`);
  }
  if (msat > MAX_MSAT) throw invalid('The invoice amount is absurdly large.');
  return { network, amountMsat: msat };
}
