/**
 * Bounded JSON GET for the LNURL requests: a timeout, a caller's AbortSignal, a cap on the bytes
 * read, and errors mapped to TipError codes (`network`, `timeout`, `aborted`, `too-large`, `http`,
 * `invalid-response`, `service-error`).
 */
import { TipError, clip } from './errors.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 64 * 1024;

/**
 * @param {typeof fetch} fetchFn
 * @param {string} url an https URL
 * @param {{signal?: AbortSignal, timeoutMs?: number, maxBytes?: number, what?: string}} [options]
 *   `what` names the request in messages ("the Lightning address service")
 * @returns {Promise<object>} the parsed JSON object
 */
export async function getJsonBounded(fetchFn, url, options = {}) {
  const { signal, timeoutMs = DEFAULT_TIMEOUT_MS, maxBytes = DEFAULT_MAX_BYTES, what = 'the service' } = options;
  if (typeof fetchFn !== 'function') throw new TipError('network', 'No fetch function is available.');
  if (signal?.aborted) throw new TipError('aborted', 'The tip was cancelled.');

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });

  const failure = (err) => {
    if (err instanceof TipError) return err;
    if (timedOut) return new TipError('timeout', `${capitalize(what)} did not answer in time.`, { cause: err });
    if (signal?.aborted) return new TipError('aborted', 'The tip was cancelled.', { cause: err });
    return new TipError('network', `Could not reach ${what} (network error or blocked by CORS).`, { cause: err });
  };

  try {
    let response;
    try {
      response = await fetchFn(url, {
        method: 'GET',
        signal: controller.signal,
        headers: { Accept: 'application/json' },
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      });
    } catch (err) {
      throw failure(err);
    }
    if (typeof response?.url === 'string' && response.url !== '' && !response.url.startsWith('https:')) {
      throw new TipError('invalid-response', `${capitalize(what)} redirected to a non-https address.`);
    }
    const declared = Number(response.headers?.get?.('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      cancelBody(response);
      throw new TipError('too-large', `The answer of ${what} is too large.`);
    }
    let text;
    try {
      text = await readTextBounded(response, maxBytes, what);
    } catch (err) {
      if (err instanceof TipError) throw err;
      throw failure(err);
    }
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      if (!response.ok) throw new TipError('http', `${capitalize(what)} answered HTTP ${response.status}.`);
      throw new TipError('invalid-response', `${capitalize(what)} did not answer with JSON.`);
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw new TipError('invalid-response', `${capitalize(what)} did not answer with a JSON object.`);
    }
    // LUD-06: {"status": "ERROR", "reason": "..."} may come with any HTTP status.
    if (typeof json.status === 'string' && json.status.toUpperCase() === 'ERROR') {
      const reason =
        typeof json.reason === 'string' && json.reason.trim() !== '' ? clip(json.reason.trim()) : 'no reason given';
      throw new TipError('service-error', `${capitalize(what)} refused: ${reason}`);
    }
    if (!response.ok) throw new TipError('http', `${capitalize(what)} answered HTTP ${response.status}.`);
    return json;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Reads a response body as UTF-8, refusing more than maxBytes bytes. */
async function readTextBounded(response, maxBytes, what) {
  const reader = response.body?.getReader?.();
  if (!reader) {
    const text = await response.text();
    if (new TextEncoder().encode(text).length > maxBytes) {
      throw new TipError('too-large', `The answer of ${what} is too large.`);
    }
    return text;
  }
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => {});
      throw new TipError('too-large', `The answer of ${what} is too large.`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    all.set(c, off);
    off += c.byteLength;
  }
  return new TextDecoder('utf-8').decode(all);
}

function cancelBody(response) {
  try {
    response.body?.cancel?.().catch(() => {});
  } catch {
    // nothing to release
  }
}

function capitalize(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
