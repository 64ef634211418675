// A part never goes to P2P (peers exchange whole segments only): a peer's bytes for a part are refused
// even when genuine, a peer may declare no size for one, the engine's HTTP side will not fetch one, and
// the player's fragment loader hands a part load (hls.js's context.part) to the direct loader, never to
// the engine's loader. Whole segments keep the P2P path.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EngineHttp } from '../../../main/js/player/engine-http.js';
import { verifiedFragmentLoaderClass } from '../../../main/js/player/final-check.js';
import { segmentBytes } from '../trust/helpers.js';
import { address, partBytes, partUrl, partsStream, rootWithParts } from './parts-stream.js';

const segmentUrl = address.segmentUrl('src', 'seg-000008.ts', 1);

async function streamWithParts(t) {
  const s = await partsStream(t);
  s.root = await rootWithParts(9, 2);
  await s.trust.refreshManifest('src');
  return s;
}

test("a peer's bytes for a part are refused unseen; the same bytes pass for the player from an origin", async (t) => {
  const s = await streamWithParts(t);
  assert.equal(await s.verifier.verify(partUrl(9, 0), partBytes(9, 0).buffer, 'p2p'), false);
  assert.deepEqual(s.refused, [`NOT_COVERED ${partUrl(9, 0)}`]);
  assert.equal(await s.verifier.verify(partUrl(9, 0), partBytes(9, 0).buffer, 'player'), true);
  assert.equal(
    await s.verifier.verify(segmentUrl, segmentBytes(8).buffer, 'p2p'),
    true,
    'segments still come from peers',
  );
});

test('a peer may declare no size for a part, while a segment keeps its signed size', async (t) => {
  const s = await streamWithParts(t);
  assert.equal(s.verifier.signedSizeNow(partUrl(9, 1)), 0);
  assert.equal(s.verifier.signedSizeNow(segmentUrl), segmentBytes(8).length);
});

test("the P2P engine's HTTP side refuses to fetch a part and fetches nothing", async (t) => {
  const s = await streamWithParts(t);
  const http = new EngineHttp(s.session, s.verifier);
  await assert.rejects(http.requestSetup(partUrl(9, 0), undefined, new AbortController().signal), /is a part/);
  assert.equal(http.pending.size, 0);
  const request = await http.requestSetup(segmentUrl, undefined, new AbortController().signal);
  assert.match(request.url, /honest|hostile/);
  assert.deepEqual(s.asked, [], 'setting a request up fetches nothing');
});

/** A loader that records what it was asked for and answers with `bytes`. */
function recordingLoader(name, loads, bytes) {
  return class {
    constructor() {
      this.stats = { name };
    }

    load(context, config, callbacks) {
      loads.push(`${name} ${context.url}`);
      this.stats.loaded = bytes.length;
      callbacks.onSuccess({ url: context.url, data: bytes.slice().buffer }, this.stats, context, null);
    }

    abort() {
      loads.push(`${name} abort`);
    }

    destroy() {}
  };
}

test("hls.js's part loads go to the direct loader and are verified; segment loads still go to the engine", async (t) => {
  const s = await streamWithParts(t);
  const loads = [];
  const Engine = recordingLoader('engine', loads, segmentBytes(8));
  const Direct = recordingLoader('direct', loads, partBytes(9, 1));
  const Loader = verifiedFragmentLoaderClass(Engine, s.verifier, Direct);
  const loaded = (context) =>
    new Promise((resolve, reject) => {
      const loader = new Loader({});
      const statsHlsTook = loader.stats; // hls.js: part.stats = loader.stats, before load
      const onSuccess = (r, stats) => resolve({ loader, r, stats, statsHlsTook });
      loader.load(context, {}, { onSuccess, onError: (e) => reject(new Error(e.text)) });
    });

  const part = await loaded({ url: partUrl(9, 1), part: { index: 1 }, frag: { sn: 9 } });
  assert.deepEqual(new Uint8Array(part.r.data), partBytes(9, 1));
  assert.equal(part.stats, part.statsHlsTook, 'the direct loader fills the stats object hls.js holds');
  assert.equal(part.statsHlsTook.loaded, partBytes(9, 1).length);
  part.loader.abort();
  const segment = await loaded({ url: segmentUrl, part: null, frag: { sn: 8 } });
  assert.deepEqual(new Uint8Array(segment.r.data), segmentBytes(8));
  assert.deepEqual(loads, [`direct ${partUrl(9, 1)}`, 'direct abort', `engine ${segmentUrl}`]);
});

test('a part load whose bytes are not the signed part fails', async (t) => {
  const s = await streamWithParts(t);
  const loads = [];
  const Direct = recordingLoader('direct', loads, partBytes(9, 0)); // part 0's bytes for part 1
  const Loader = verifiedFragmentLoaderClass(recordingLoader('engine', loads), s.verifier, Direct);
  const error = await new Promise((resolve) =>
    new Loader({}).load(
      { url: partUrl(9, 1), part: { index: 1 } },
      {},
      { onSuccess: () => resolve(null), onError: resolve },
    ),
  );
  assert.equal(error.text, 'segment failed verification');
  assert.deepEqual(s.refused, [`SEGMENT_MISMATCH ${partUrl(9, 1)}`]);
});
