/**
 * BOLT #11 invoices, decoded and checked before anyone is asked to pay one: the bech32 envelope
 * (@scure/base; checksum over the whole invoice, no 90-character limit), the amount
 * (bolt11-hrp.js), the tagged fields a payer relies on (bolt11-fields.js) and the payee node's
 * signature over all of it (bolt11-signature.js).
 *
 * Not checked here: expiry, feature bits and the payment secret; the paying wallet judges those.
 */
import { bech32 } from '@scure/base';
import { TipError, clip } from './errors.js';
import { parseInvoiceHrp } from './bolt11-hrp.js';
import { readTaggedFields } from './bolt11-fields.js';
import { checkInvoiceSignature, SIGNATURE_WORDS } from './bolt11-signature.js';

export { parseInvoiceHrp, KNOWN_NETWORKS, MAX_MSAT } from './bolt11-hrp.js';

/** Longest invoice accepted (characters); BOLT11 has no limit, this only bounds the work. */
export const MAX_INVOICE_LENGTH = 8192;

const TIMESTAMP_WORDS = 7; // 35 bits, seconds since 1970

function invalid(message) {
  return new TipError('invalid-invoice', message);
}

/**
 * Decodes bech32 (BIP-173) without its 90-character limit, as BOLT #11 requires.
 * @param {unknown} str
 * @returns {{hrp: string, words: number[]}} lowercase hrp and the 5-bit data words, checksum removed
 * @throws {TipError} code `invalid-invoice`
 */
export function bech32Decode(str) {
  if (typeof str !== 'string') throw invalid('The invoice is not a string.');
  if (str.length > MAX_INVOICE_LENGTH) throw invalid('The invoice is too long.');
  try {
    const { prefix, words } = bech32.decode(str, MAX_INVOICE_LENGTH);
    return { hrp: prefix, words: Array.from(words) };
  } catch (err) {
    // The library's message repeats the whole invoice on a checksum error: say it shortly.
    if (/checksum/i.test(err?.message)) throw invalid('The invoice checksum is wrong.');
    throw invalid(`The invoice is not valid bech32 (${clip(err?.message ?? err, 80)}).`);
  }
}

/**
 * Decodes a BOLT11 invoice and checks it (see the module comment).
 * @param {string} invoice
 * @returns {{
 *   network: string,
 *   amountMsat: bigint|null,
 *   timestamp: number,
 *   paymentHash: string,
 *   descriptionHash: string|null,
 *   description: string|null,
 *   payeeNodeKey: string,
 * }} hashes and key as lowercase hex; null when the field is absent
 * @throws {TipError} code `invalid-invoice`
 */
export function decodeBolt11(invoice) {
  const { hrp, words } = bech32Decode(invoice);
  const { network, amountMsat } = parseInvoiceHrp(hrp);
  if (words.length < TIMESTAMP_WORDS + SIGNATURE_WORDS) throw invalid('The invoice is too short.');
  let timestamp = 0;
  for (let i = 0; i < TIMESTAMP_WORDS; i++) timestamp = timestamp * 32 + words[i];
  const signatureStart = words.length - SIGNATURE_WORDS;
  const fields = readTaggedFields(words.slice(TIMESTAMP_WORDS, signatureStart));
  const payeeNodeKey = checkInvoiceSignature(
    hrp,
    words.slice(0, signatureStart),
    words.slice(signatureStart),
    fields.nodeKey,
  );
  const { paymentHash, descriptionHash, description } = fields;
  return { network, amountMsat, timestamp, paymentHash, descriptionHash, description, payeeNodeKey };
}

/**
 * The amount a BOLT11 invoice asks for.
 * @param {string} invoice
 * @returns {bigint|null} millisatoshis, or null when the invoice has no amount
 * @throws {TipError} code `invalid-invoice` for an invoice decodeBolt11 refuses
 */
export function bolt11AmountMsat(invoice) {
  return decodeBolt11(invoice).amountMsat;
}
