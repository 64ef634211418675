// fetch() with a time limit and a size limit (cut while streaming, bounded-body.js): a hostile or
// broken origin can make us wait a little and read a little, never forever and never without bound.

import { limitBody } from './bounded-body.js';

export class FetchError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** `onResponse` runs when a good answer's headers arrived, before its body is read (the first byte's time). */
export async function fetchBytes(url, { maxBytes, timeoutMs, signal, cache = 'no-store', onResponse = () => {} }) {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let res;
  try {
    res = await fetch(url, { cache, signal: combined, credentials: 'omit', redirect: 'follow' });
  } catch (e) {
    throw new FetchError(timeout.aborted ? `timed out after ${timeoutMs} ms` : `network error (${e.message})`);
  }
  if (!res.ok) throw new FetchError(`HTTP ${res.status}`, res.status);
  const declared = Number(res.headers.get('content-length'));
  if (declared > maxBytes) {
    res.body?.cancel();
    throw new FetchError(`larger than ${maxBytes} bytes`);
  }
  onResponse();
  const reader = limitBody(res.body, maxBytes).getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}
