// The stats the player's loader gives hls.js for a part it fetched: they are hls.js's only bandwidth
// samples while a viewer plays LL-HLS parts (whole segments come through the P2P engine's loader). A
// load that succeeded stays unaborted when hls.js destroys its loader afterwards, as it always does
// (hls.js skips aborted loads when it estimates bandwidth, so a viewer that started on a low rendition
// would never learn it could play a higher one), and the first byte is when the serving origin's answer
// arrived, so that hls.js times the transfer, not the request.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ownerlessLoaderClass } from '../../../main/js/player/ownerless-loader.js';
import { HONEST, partBytes, partUrl, partsStream, rootWithParts } from './parts-stream.js';

const BODY_DELAY_MS = 100;

/** The parts stream with parts 0..1 of segment 9 signed; the honest origin sends each part's body late. */
async function slowBodiedParts(t) {
  const s = await partsStream(t);
  s.root = await rootWithParts(9, 2);
  await s.trust.refreshManifest('src');
  const served = globalThis.fetch;
  t.mock.method(globalThis, 'fetch', async (url, init) => {
    const res = await served(url, init);
    if (!url.startsWith(HONEST) || !/-p\d+\.ts$/.test(url)) return res;
    const bytes = new Uint8Array(await res.arrayBuffer());
    const body = new ReadableStream({
      start(controller) {
        setTimeout(() => {
          controller.enqueue(bytes);
          controller.close();
        }, BODY_DELAY_MS);
      },
    });
    return new Response(body, { headers: { 'Content-Length': String(bytes.length) } });
  });
  return s;
}

/** Loads `url` as hls.js does: a new loader, then destroy() once it answered. */
function loadThenDestroy(Loader, url) {
  return new Promise((resolve, reject) => {
    const loader = new Loader({});
    const context = { url, responseType: 'arraybuffer' };
    loader.load(
      context,
      {},
      {
        onSuccess: (response, stats) => {
          loader.destroy();
          resolve({ response, stats });
        },
        onError: (e) => reject(new Error(e.text)),
      },
    );
  });
}

test('a part load that succeeded is not reported aborted when hls.js destroys its loader', async (t) => {
  const s = await slowBodiedParts(t);
  const { response, stats } = await loadThenDestroy(ownerlessLoaderClass(s.session), partUrl(9, 1));
  assert.deepEqual(new Uint8Array(response.data), partBytes(9, 1));
  assert.equal(stats.aborted, false);
  assert.equal(stats.loaded, partBytes(9, 1).length);
});

test("a part's first byte is when the origin that served it answered, not when its bytes verified", async (t) => {
  const s = await slowBodiedParts(t);
  const { stats } = await loadThenDestroy(ownerlessLoaderClass(s.session), partUrl(9, 0));
  const { start, first, end } = stats.loading;
  assert.ok(start <= first && first <= end, `start ${start}, first ${first}, end ${end}`);
  // The hostile origin answered first (its bytes were refused); the honest one's body took 100 ms.
  assert.ok(end - first >= BODY_DELAY_MS - 5, `transfer timed from the first byte: ${end - first} ms`);
});

test('a load stopped before its answer is reported aborted and answers nothing', async (t) => {
  const s = await slowBodiedParts(t);
  const loader = new (ownerlessLoaderClass(s.session))({});
  const heard = [];
  loader.load(
    { url: partUrl(9, 0), responseType: 'arraybuffer' },
    {},
    {
      onSuccess: () => heard.push('success'),
      onError: () => heard.push('error'),
    },
  );
  loader.abort();
  await new Promise((resolve) => setTimeout(resolve, BODY_DELAY_MS * 2));
  assert.equal(loader.stats.aborted, true);
  assert.deepEqual(heard, []);
});
