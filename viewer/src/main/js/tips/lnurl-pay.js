/**
 * LUD-16 Lightning address → LUD-06 payRequest → BOLT11 invoice, checked before anyone pays it:
 * the invoice must ask for exactly the requested amount and (LUD-06) commit to the pay request's
 * metadata through its description hash.
 */
import { TipError, clip } from './errors.js';
import { decodeBolt11 } from './bolt11.js';
import { getJsonBounded } from './http.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

const USER_RE = /^[a-z0-9._+-]{1,64}$/; // LUD-16: a-z0-9-_.+
const LABEL_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Checks a LUD-16 Lightning address (lowercase user@domain, a domain with a dot, no port).
 * @param {string} address
 * @returns {{user: string, domain: string, url: string}} url: https://domain/.well-known/lnurlp/user
 * @throws {TipError} code `invalid-target`
 */
export function parseLightningAddress(address) {
  const bad = () => new TipError('invalid-target', 'The Lightning address is malformed.');
  if (typeof address !== 'string' || address.length > 320) throw bad();
  const at = address.indexOf('@');
  if (at < 1 || at !== address.lastIndexOf('@')) throw bad();
  const user = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!USER_RE.test(user)) throw bad();
  if (domain.length > 253) throw bad();
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL_RE.test(l))) throw bad();
  return { user, domain, url: `https://${domain}/.well-known/lnurlp/${user}` };
}

/**
 * @typedef {object} PayRequest
 * @property {string} callback  https URL
 * @property {bigint} minSendable  msat
 * @property {bigint} maxSendable  msat
 * @property {string} metadata  the raw metadata string (hashed as is)
 * @property {string|null} description  its text/plain entry (untrusted: render with textContent)
 * @property {number} commentAllowed  LUD-12, 0 when absent
 */

/**
 * Validates a LUD-06 payRequest JSON object.
 * @param {object} json
 * @returns {PayRequest}
 * @throws {TipError} code `invalid-response`
 */
export function validatePayRequest(json) {
  const bad = (why) =>
    new TipError('invalid-response', `The Lightning address service sent an invalid pay request: ${why}.`);
  if (json === null || typeof json !== 'object') throw bad('not an object');
  if (json.tag !== 'payRequest') throw bad('tag is not "payRequest"');
  if (typeof json.callback !== 'string' || json.callback.length > 2048) throw bad('no callback URL');
  let callbackUrl;
  try {
    callbackUrl = new URL(json.callback);
  } catch {
    throw bad('the callback is not a URL');
  }
  if (callbackUrl.protocol !== 'https:') throw bad('the callback is not https');
  if (callbackUrl.username || callbackUrl.password) throw bad('the callback carries credentials');
  const min = json.minSendable;
  const max = json.maxSendable;
  if (!Number.isInteger(min) || min < 1) throw bad('minSendable is not a positive integer');
  if (!Number.isInteger(max) || max < 1) throw bad('maxSendable is not a positive integer');
  if (min > max) throw bad('minSendable exceeds maxSendable');
  if (typeof json.metadata !== 'string') throw bad('metadata is not a string');
  let entries;
  try {
    entries = JSON.parse(json.metadata);
  } catch {
    throw bad('metadata is not JSON');
  }
  if (!Array.isArray(entries) || !entries.every((e) => Array.isArray(e) && typeof e[0] === 'string')) {
    throw bad('metadata is not an array of entries');
  }
  const plain = entries.find((e) => e[0] === 'text/plain' && typeof e[1] === 'string');
  const commentAllowed = Number.isSafeInteger(json.commentAllowed) && json.commentAllowed > 0 ? json.commentAllowed : 0;
  return {
    callback: json.callback,
    minSendable: BigInt(min),
    maxSendable: BigInt(max),
    metadata: json.metadata,
    description: plain ? clip(plain[1], 500) : null,
    commentAllowed,
  };
}

/** msat → a readable sats string, e.g. 1500n → "1.5", 2000n → "2". */
export function formatSats(msat) {
  const whole = msat / 1000n;
  const frac = msat % 1000n;
  return frac === 0n ? whole.toString() : `${whole}.${frac.toString().padStart(3, '0').replace(/0+$/, '')}`;
}

/**
 * @param {PayRequest} payRequest
 * @param {bigint} amountMsat
 * @throws {TipError} code `amount-out-of-bounds`
 */
export function checkAmount(payRequest, amountMsat) {
  if (amountMsat < payRequest.minSendable || amountMsat > payRequest.maxSendable) {
    throw new TipError(
      'amount-out-of-bounds',
      `This Lightning address accepts between ${formatSats(payRequest.minSendable)} and ` +
        `${formatSats(payRequest.maxSendable)} sats; ${formatSats(amountMsat)} sats is out of range.`,
    );
  }
}

/**
 * LUD-06: `<callback><?|&>amount=<msat>`, keeping the callback's own query as it is.
 * @param {string} callback
 * @param {bigint} amountMsat
 * @returns {string}
 */
export function callbackUrl(callback, amountMsat) {
  const url = new URL(callback);
  url.hash = '';
  const param = `amount=${amountMsat.toString()}`;
  url.search = url.search.length > 1 ? `${url.search}&${param}` : `?${param}`;
  return url.href;
}

function toMsat(amountMsat) {
  if (typeof amountMsat === 'number' && Number.isSafeInteger(amountMsat)) return BigInt(amountMsat);
  if (typeof amountMsat === 'bigint') return amountMsat;
  throw new TipError('invalid-amount', 'The amount is not a whole number of millisatoshis.');
}

/**
 * GETs the Lightning address' pay request.
 * @param {string} address LUD-16
 * @param {{fetch?: typeof fetch, signal?: AbortSignal, timeoutMs?: number, maxBytes?: number}} [options]
 * @returns {Promise<PayRequest>}
 */
export async function fetchPayRequest(address, options = {}) {
  const { url, domain } = parseLightningAddress(address);
  const fetchFn = options.fetch ?? globalThis.fetch;
  const json = await getJsonBounded(fetchFn, url, { ...options, what: `the Lightning address service (${domain})` });
  return validatePayRequest(json);
}

/**
 * Asks the callback for an invoice and checks it before returning it.
 * @param {PayRequest} payRequest
 * @param {bigint} amountMsat
 * @param {{fetch?: typeof fetch, signal?: AbortSignal, timeoutMs?: number, maxBytes?: number,
 *          requireDescriptionHash?: boolean}} [options]
 *   requireDescriptionHash (default true, LUD-06): refuse an invoice without an `h` field; an `h`
 *   that differs from SHA-256(metadata) is refused either way.
 * @returns {Promise<{invoice: string, decoded: ReturnType<typeof decodeBolt11>}>}
 */
export async function requestInvoice(payRequest, amountMsat, options = {}) {
  const msat = toMsat(amountMsat);
  checkAmount(payRequest, msat);
  const fetchFn = options.fetch ?? globalThis.fetch;
  const host = new URL(payRequest.callback).host;
  const json = await getJsonBounded(fetchFn, callbackUrl(payRequest.callback, msat), {
    ...options,
    what: `the Lightning invoice service (${host})`,
  });
  if (typeof json.pr !== 'string' || json.pr === '') {
    throw new TipError('invalid-response', 'The Lightning invoice service sent no invoice.');
  }
  const invoice = json.pr.trim();
  const decoded = decodeBolt11(invoice);
  if (decoded.amountMsat === null) {
    throw new TipError(
      'amount-mismatch',
      `The invoice has no amount (${formatSats(msat)} sats were requested): not paying it.`,
    );
  }
  if (decoded.amountMsat !== msat) {
    throw new TipError(
      'amount-mismatch',
      `The invoice asks for ${formatSats(decoded.amountMsat)} sats, not the ${formatSats(msat)} sats requested: not paying it.`,
    );
  }
  const expected = bytesToHex(sha256(utf8ToBytes(payRequest.metadata)));
  if (decoded.descriptionHash !== null && decoded.descriptionHash !== expected) {
    throw new TipError(
      'description-mismatch',
      'The invoice does not commit to the Lightning address metadata: not paying it.',
    );
  }
  if (decoded.descriptionHash === null && options.requireDescriptionHash !== false) {
    throw new TipError('description-mismatch', 'The invoice has no description hash (LUD-06): not paying it.');
  }
  return { invoice, decoded };
}

/**
 * The whole LUD-16 flow: address → pay request → checked invoice for exactly amountMsat.
 * @param {string} address
 * @param {bigint} amountMsat
 * @param {object} [options] as requestInvoice
 * @returns {Promise<{invoice: string, decoded: object, payRequest: PayRequest}>}
 */
export async function fetchLightningInvoice(address, amountMsat, options = {}) {
  const msat = toMsat(amountMsat);
  const payRequest = await fetchPayRequest(address, options);
  const { invoice, decoded } = await requestInvoice(payRequest, msat, options);
  return { invoice, decoded, payRequest };
}
