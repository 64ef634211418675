// The P2P engine's HTTP downloader (p2p-media-loader-core 2.3.1, HttpRequestExecutor) takes the Request
// our httpRequestSetup returns, calls the page's global `window.fetch(request)` on it and reads
// `response.body` with a reader until it ends, and only then calls validateHTTPSegment. It has no
// size or time limit of its own beyond "no byte for httpNotReceivingBytesTimeoutMs". So the bound has
// to sit in fetch itself: requests registered here get a deadline and a body cut at the signed size
// while it streams; every other fetch of the page passes through untouched.

import { limitBody } from './bounded-body.js';

const budgets = new WeakMap(); // Request -> {maxBytes, deadlineMs}
let installed = false;

/** Bounds the engine's fetch of `request` (a whole segment): within `deadlineMs`, at most `maxBytes`. */
export function boundRequest(request, { maxBytes, deadlineMs }) {
  budgets.set(request, { maxBytes, deadlineMs });
  return request;
}

/** Wraps `scope.fetch` once (the page's window); the wrapper only acts on registered requests. */
export function installBoundedFetch(scope = globalThis) {
  if (installed) return;
  installed = true;
  const original = scope.fetch.bind(scope);
  scope.fetch = (input, init) => {
    const budget = input instanceof Request ? budgets.get(input) : undefined;
    return budget ? boundedFetch(original, input, budget) : original(input, init);
  };
}

/** One bounded exchange; exported for tests, which pass their own fetch. */
export async function boundedFetch(fetch, request, { maxBytes, deadlineMs }) {
  // Our own timer rather than AbortSignal.timeout: a timeout signal that only AbortSignal.any refers
  // to may be garbage-collected before it fires (Node does), and the deadline must not depend on GC.
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DOMException(`no complete answer within ${deadlineMs} ms`, 'TimeoutError')),
    deadlineMs,
  );
  const over = () => clearTimeout(timer);
  const signal = AbortSignal.any([request.signal, deadline.signal]);
  let response;
  try {
    response = await fetch(request, { signal });
  } catch (e) {
    over();
    throw e;
  }
  if (!response.ok || !response.body) {
    over();
    return response;
  }
  const headers = new Headers(response.headers);
  // The engine takes a 200's length from Content-Length to detect truncation; the signed size is the
  // only length we believe.
  headers.set('Content-Length', String(maxBytes));
  return new Response(limitBody(response.body, maxBytes, over), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
