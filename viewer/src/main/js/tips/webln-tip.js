/**
 * Tipping a Lightning address from the browser: fetch and check an invoice (lnurl-pay.js), pay it
 * with WebLN, and fall back gracefully:
 *   - the pay request cannot be fetched (CORS/network) and the wallet has webln.lnurl
 *       → webln.lnurl("lightning:" + address) (the wallet runs LNURL itself, amount chosen there);
 *   - no WebLN but an invoice → outcome `invoice` (the page shows it with a lightning: link);
 *   - neither → outcome `address` (the page shows the address with a lightning: link).
 * A checked-and-refused invoice (wrong amount, wrong description hash, ...) is never paid and
 * never bypassed through webln.lnurl.
 *
 * Every function returns an outcome object and does not throw:
 *   {state: 'paid', via: 'webln', preimage, invoice, message}  SHA-256(preimage) = the invoice's payment hash
 *   {state: 'sent', via: 'webln-lnurl', message}     the wallet says it paid; nothing here can check it
 *   {state: 'refused', message}                      the viewer cancelled in the wallet
 *   {state: 'error', code, message}                  anything else that went wrong
 *   {state: 'invoice', invoice, address, message}    no WebLN: pay this invoice by hand
 *   {state: 'address', address, message}            no WebLN and no invoice: pay the address by hand
 */
import { TipError, clip } from './errors.js';
import { fetchLightningInvoice, parseLightningAddress } from './lnurl-pay.js';
import { preimageMatches } from './payment-proof.js';

/** The largest tip accepted from the input, in sats (0.1 BTC): beyond it, a typo is likelier. */
export const MAX_TIP_SATS = 10_000_000n;

/**
 * The viewer's amount in whole sats.
 * @param {string|number|bigint} text
 * @returns {bigint} sats, 1 ≤ sats ≤ MAX_TIP_SATS
 * @throws {TipError} code `invalid-amount`
 */
export function parseSatsAmount(text) {
  const s = String(text).trim();
  if (!/^[0-9]{1,12}$/.test(s)) throw new TipError('invalid-amount', 'Enter the tip as a whole number of sats.');
  const sats = BigInt(s);
  if (sats < 1n) throw new TipError('invalid-amount', 'The tip must be at least 1 sat.');
  if (sats > MAX_TIP_SATS) throw new TipError('invalid-amount', `The tip must be at most ${MAX_TIP_SATS} sats.`);
  return sats;
}

const REFUSAL_RE = /reject|denied|cancel|declin|refus|dismiss|closed|abort/i;

/**
 * WebLN has no error codes: a rejection whose message reads like the viewer's refusal (or that
 * carries EIP-1193's 4001) counts as a refusal; other rejections of sendPayment are errors.
 * @param {unknown} err
 */
export function isWeblnRefusal(err) {
  if (err && typeof err === 'object' && (err.code === 4001 || err.code === 'USER_REJECTED')) return true;
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  return REFUSAL_RE.test(message);
}

function errorMessage(err) {
  if (err instanceof Error && err.message) return clip(err.message);
  if (typeof err === 'string' && err) return clip(err);
  return 'unknown error';
}

function refused(message = 'You cancelled the payment in your wallet.') {
  return { state: 'refused', message };
}

function failed(code, message) {
  return { state: 'error', code, message };
}

/** The WebLN provider of a window, or null. */
export function getWebln(win) {
  const webln = win?.webln;
  return webln && typeof webln === 'object' && typeof webln.enable === 'function' ? webln : null;
}

async function enableWebln(webln) {
  try {
    await webln.enable();
    return null;
  } catch (err) {
    return refused(`You did not allow the wallet to pay (${errorMessage(err)}).`);
  }
}

/**
 * @param {object} params
 * @param {string} params.address      LUD-16 Lightning address from the verified announce
 * @param {string|number|bigint} params.amountSats
 * @param {object} [params.window]     where window.webln is looked up (default globalThis)
 * @param {typeof fetch} [params.fetch]
 * @param {AbortSignal} [params.signal]
 * @param {number} [params.timeoutMs]  per HTTP request
 * @param {boolean} [params.requireDescriptionHash] default true (LUD-06)
 * @param {(message: string) => void} [params.onProgress]
 * @returns {Promise<object>} an outcome (see the module comment)
 */
export async function tipWithLightning(params) {
  const { address, amountSats, window: win = globalThis, signal, onProgress = () => {} } = params;
  try {
    parseLightningAddress(address);
  } catch (err) {
    return failed(err.code, err.message);
  }
  let sats;
  try {
    sats = parseSatsAmount(amountSats);
  } catch (err) {
    return failed(err.code, err.message);
  }
  const webln = getWebln(win);

  onProgress(`Asking ${address.slice(address.indexOf('@') + 1)} for an invoice…`);
  let invoice;
  let decoded;
  try {
    ({ invoice, decoded } = await fetchLightningInvoice(address, sats * 1000n, {
      fetch: params.fetch ?? win.fetch?.bind(win) ?? globalThis.fetch,
      signal,
      timeoutMs: params.timeoutMs,
      requireDescriptionHash: params.requireDescriptionHash,
    }));
  } catch (err) {
    if (!(err instanceof TipError)) return failed('wallet', errorMessage(err));
    if (err.code === 'aborted') return failed('aborted', err.message);
    const unreachable = err.code === 'network' || err.code === 'timeout';
    if (!unreachable) return failed(err.code, err.message);
    if (webln && typeof webln.lnurl === 'function') {
      onProgress('Could not fetch an invoice here; handing the Lightning address to your wallet…');
      const notEnabled = await enableWebln(webln);
      if (notEnabled) return notEnabled;
      if (signal?.aborted) return failed('aborted', 'The tip was cancelled.');
      try {
        const result = await webln.lnurl(`lightning:${address}`);
        if (
          result &&
          typeof result === 'object' &&
          typeof result.status === 'string' &&
          result.status.toUpperCase() === 'ERROR'
        ) {
          return failed('wallet', `The wallet could not pay: ${clip(result.reason ?? 'no reason given')}`);
        }
        // The wallet fetched the invoice itself: this page never saw its payment hash, so no
        // preimage can be checked here and the tip is not reported as paid, only as sent.
        return {
          state: 'sent',
          via: 'webln-lnurl',
          message:
            'Your wallet reports the payment as sent. This page cannot confirm it: your wallet fetched the invoice itself.',
        };
      } catch (lnurlErr) {
        if (isWeblnRefusal(lnurlErr)) return refused();
        return failed('wallet', `The wallet could not pay: ${errorMessage(lnurlErr)}`);
      }
    }
    return {
      state: 'address',
      address,
      message: `${err.message} Pay the Lightning address ${address} with your wallet instead.`,
    };
  }

  if (!webln || typeof webln.sendPayment !== 'function') {
    return {
      state: 'invoice',
      invoice,
      address,
      message: 'No WebLN wallet in this browser: pay this invoice with any Lightning wallet.',
    };
  }

  onProgress('Waiting for your wallet…');
  const notEnabled = await enableWebln(webln);
  if (notEnabled) return notEnabled;
  if (signal?.aborted) return failed('aborted', 'The tip was cancelled.');
  let result;
  try {
    result = await webln.sendPayment(invoice);
  } catch (err) {
    if (isWeblnRefusal(err)) return refused();
    return failed('wallet', `The wallet could not pay: ${errorMessage(err)}`);
  }
  const preimage = typeof result?.preimage === 'string' ? result.preimage.toLowerCase() : null;
  if (!preimage || !/^[0-9a-f]{64}$/.test(preimage)) {
    return failed('wallet', 'The wallet did not return a proof of payment (preimage); check your wallet.');
  }
  if (!preimageMatches(preimage, decoded.paymentHash)) {
    return failed('wallet', 'The wallet returned a preimage that does not match the invoice; check your wallet.');
  }
  return { state: 'paid', via: 'webln', preimage, invoice, message: `Paid, thank you! Preimage: ${preimage}` };
}
