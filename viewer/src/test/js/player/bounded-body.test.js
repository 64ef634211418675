// A segment body is bounded by its signed size while it streams, and a slow one by its signed duration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { limitBody } from '../../../main/js/player/bounded-body.js';
import { boundedFetch } from '../../../main/js/player/engine-fetch.js';
import { segmentBudget, MIN_DEADLINE_MS } from '../../../main/js/player/segment-budget.js';

/** A body of `chunk`-byte chunks, forever (or `total` bytes); counts what was pulled from it. */
function source({ chunk = 1000, total = Infinity } = {}) {
  const seen = { bytes: 0, cancelled: false };
  const stream = new ReadableStream({
    pull(controller) {
      const n = Math.min(chunk, total - seen.bytes);
      if (n <= 0) return controller.close();
      seen.bytes += n;
      controller.enqueue(new Uint8Array(n).fill(7));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

async function readAll(stream) {
  let bytes = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

test('a body of exactly the signed size passes whole', async () => {
  const { stream } = source({ chunk: 1000, total: 25_000 });
  assert.equal(await readAll(limitBody(stream, 25_000)), 25_000);
});

test('an endless body errors at the signed size + 1, while streaming, and the source is cancelled', async () => {
  const { stream, seen } = source({ chunk: 1000 });
  await assert.rejects(readAll(limitBody(stream, 25_000)), /larger than 25000 bytes/);
  assert.ok(seen.cancelled, 'the network side is told to stop');
  // One chunk of read-ahead at most: nothing like "the whole body first".
  assert.ok(seen.bytes <= 25_000 + 2 * 1000, `${seen.bytes} bytes pulled`);
});

test('a byte stream is read in pieces that never pass size + 1, whatever the sender pushes', async () => {
  let pulled = 0;
  const fast = new ReadableStream({
    type: 'bytes',
    pull(controller) {
      const view = controller.byobRequest.view;
      view.fill(1);
      pulled += view.byteLength;
      controller.byobRequest.respond(view.byteLength);
    },
  });
  await assert.rejects(readAll(limitBody(fast, 100_000)), /larger than 100000 bytes/);
  assert.equal(pulled, 100_001);
});

test('one byte over is refused', async () => {
  const { stream } = source({ chunk: 7, total: 25_001 });
  await assert.rejects(readAll(limitBody(stream, 25_000)), /larger than/);
});

test('the deadline comes from the signed duration, with a floor', () => {
  assert.deepEqual(segmentBudget({ size: 25_000, durationUs: 2_000_000 }), { maxBytes: 25_000, deadlineMs: 3000 });
  assert.equal(segmentBudget({ size: 1, durationUs: 100_000 }).deadlineMs, MIN_DEADLINE_MS);
});

/** A fetch answering with `body` (a ReadableStream) and `init`; an abort errors the body, as fetch does. */
function answering(body, init = {}) {
  return async (request, { signal }) => {
    signal.throwIfAborted();
    if (!body) return new Response(null, init);
    const reader = body.getReader();
    const abortable = new ReadableStream({
      start(controller) {
        signal.addEventListener('abort', () => {
          controller.error(signal.reason);
          reader.cancel().catch(() => {});
        });
      },
      async pull(controller) {
        const next = await reader.read();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
    });
    return new Response(abortable, init);
  };
}

test('a trickling body is abandoned at its deadline', async () => {
  let timer;
  const trickle = new ReadableStream({
    start(controller) {
      timer = setInterval(() => controller.enqueue(new Uint8Array(1)), 20);
    },
    cancel() {
      clearInterval(timer);
    },
  });
  const started = Date.now();
  const response = await boundedFetch(answering(trickle), new Request('http://origin.test/seg.ts'), {
    maxBytes: 25_000,
    deadlineMs: 300,
  });
  await assert.rejects(readAll(response.body));
  clearInterval(timer);
  const took = Date.now() - started;
  assert.ok(took >= 250 && took < 1500, `abandoned after ${took} ms`);
});

test("the answer carries the signed length, not the origin's, and is cut there", async () => {
  const request = new Request('http://origin.test/seg.ts');
  const answer = await boundedFetch(
    answering(source({ total: 50_000 }).stream, { headers: { 'Content-Length': '9' } }),
    request,
    { maxBytes: 25_000, deadlineMs: 5000 },
  );
  assert.equal(answer.headers.get('Content-Length'), '25000');
  await assert.rejects(readAll(answer.body), /larger than 25000 bytes/);
});

test('an error status passes through untouched for the engine to count', async () => {
  const response = await boundedFetch(answering(null, { status: 503 }), new Request('http://origin.test/seg.ts'), {
    maxBytes: 25_000,
    deadlineMs: 5000,
  });
  assert.equal(response.status, 503);
});
