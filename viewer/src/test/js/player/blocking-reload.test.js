// Blocking manifest reload: once the viewer holds a root of size T, a playlist reload asks
// manifest.json?_HLS_msn=T (and &_HLS_part=K when it lists parts), with the deadline stretched by the
// origin's hold bound; an origin that ignores the query costs nothing more than a plain reload.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JSON_TIMEOUT_MS, MANIFEST_HOLD_MS } from '../../../main/js/player/fetch-limits.js';
import { EventBus } from '../../../main/js/player/events.js';
import { Origins } from '../../../main/js/player/origins.js';
import { Session } from '../../../main/js/player/session.js';
import { StreamTrust, blockingQuery } from '../../../main/js/player/stream-trust.js';
import { announceBody, signText } from '../trust/helpers.js';
import { address, rootWithParts } from './parts-stream.js';

const ORIGIN = 'https://origin.example/';

/**
 * One origin serving `stream.root` as src/manifest.json; `stream.asked` lists each manifest request's
 * query ('' for a plain one) and `stream.deadlines` the fetch deadlines in ms. `stream.answer`, when
 * set, answers a blocking request instead (a holding origin).
 */
async function origin(t) {
  const announce = announceBody(1);
  announce.issuedAtMs = Date.now() - 1000;
  announce.expiresAtMs = Date.now() + 60_000;
  announce.hints.origins = [];
  const announceText = await signText(announce);
  const stream = { root: null, asked: [], deadlines: [], answer: null };
  const timeout = AbortSignal.timeout.bind(AbortSignal);
  t.mock.method(AbortSignal, 'timeout', (ms) => (stream.deadlines.push(ms), timeout(ms)));
  t.mock.method(globalThis, 'fetch', async (url) => {
    const path = url.slice(url.indexOf('/demo/') + '/demo/'.length);
    if (path === 'announce.json') return new Response(announceText);
    const [file, query = ''] = path.split('?');
    if (file !== 'src/manifest.json') return new Response('gone', { status: 404 });
    stream.asked.push(query);
    if (query && stream.answer) return new Response(await stream.answer());
    return new Response(stream.root);
  });
  const bus = new EventBus();
  const trust = new StreamTrust(address, new Origins(ORIGIN, bus), bus);
  await trust.loadAnnounce();
  stream.deadlines.length = 0;
  return Object.assign(stream, { trust, session: new Session(address, null, trust, null, bus) });
}

test('the query names the size held and, when parts are waited for, the parts it lists', () => {
  const root = { treeSize: 7, parts: [{}, {}] };
  assert.equal(blockingQuery(root, 'segment'), '?_HLS_msn=7');
  assert.equal(blockingQuery(root, 'part'), '?_HLS_msn=7&_HLS_part=2');
  assert.equal(blockingQuery({ treeSize: 7, parts: [] }, 'part'), '?_HLS_msn=7&_HLS_part=0');
  assert.equal(blockingQuery(null, 'part'), '');
  assert.equal(blockingQuery(root, null), '');
});

test('the first playlist reads the manifest plainly, every later one asks for what comes after it', async (t) => {
  const stream = await origin(t);
  stream.root = await rootWithParts(4, 2);
  await stream.session.answer(address.mediaUrl('src'), null);
  await stream.session.answer(address.mediaUrl('src'), null);
  stream.session.listParts = true;
  await stream.session.answer(address.mediaUrl('src'), null);
  assert.deepEqual(stream.asked, ['', '_HLS_msn=4', '_HLS_msn=4&_HLS_part=2']);
  // A holding origin is not taken for a slow one: the deadline grows by the hold bound.
  assert.deepEqual(stream.deadlines, [
    JSON_TIMEOUT_MS,
    JSON_TIMEOUT_MS + MANIFEST_HOLD_MS,
    JSON_TIMEOUT_MS + MANIFEST_HOLD_MS,
  ]);
});

test('an origin ignoring the query answers the same root at once, and that is one request per reload', async (t) => {
  const stream = await origin(t);
  stream.root = await rootWithParts(4, 0);
  const first = await stream.session.answer(address.mediaUrl('src'), null);
  stream.asked.length = 0;
  for (let reload = 0; reload < 3; reload++) {
    assert.equal(await stream.session.answer(address.mediaUrl('src'), null), first);
  }
  await new Promise((resolve) => setTimeout(resolve, 50)); // anything re-asking on its own would show now
  assert.deepEqual(stream.asked, ['_HLS_msn=4', '_HLS_msn=4', '_HLS_msn=4']);
});

test('a held answer that arrives later is accepted', async (t) => {
  const stream = await origin(t);
  stream.root = await rootWithParts(4, 0);
  await stream.session.answer(address.mediaUrl('src'), null);
  const next = await rootWithParts(5, 0);
  stream.answer = () => new Promise((resolve) => setTimeout(() => resolve(next), 100));
  const t0 = performance.now();
  const playlist = await stream.session.answer(address.mediaUrl('src'), null);
  assert.ok(performance.now() - t0 >= 90, 'the answer came when the origin released it');
  assert.equal(stream.trust.rendition('src').root.treeSize, 5);
  assert.match(playlist, /seg-000004\.ts/);
  assert.deepEqual(stream.asked, ['', '_HLS_msn=4']);
});

test('an ended stream waits for nothing', async (t) => {
  const stream = await origin(t);
  stream.root = await rootWithParts(4, 0);
  await stream.session.answer(address.mediaUrl('src'), null);
  stream.trust.announce = { ...stream.trust.announce, status: 'ended' };
  await stream.session.answer(address.mediaUrl('src'), null);
  assert.deepEqual(stream.asked, ['', '']);
});
