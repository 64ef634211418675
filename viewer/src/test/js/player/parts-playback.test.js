// Signed roots with parts fed through StreamTrust and Session as a live stream runs, in the low mode
// (listParts): the playlists hls.js reads follow the newest signed state of the segment in progress,
// an origin serving an older state of it changes nothing, and a completed segment replaces its parts.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventBus } from '../../../main/js/player/events.js';
import { Session } from '../../../main/js/player/session.js';
import { address, partUrl, partsOf, partsStream, rootWithParts } from './parts-stream.js';

/** The lines of the media playlist after the header: segment and part lines only. */
async function body(s) {
  const text = await s.session.answer(address.mediaUrl('src'), null);
  return text
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('#EXT-X-') || l.startsWith('#EXT-X-PART:'))
    .filter((l) => l !== '#EXTM3U');
}

const segment = (i) => ['#EXTINF:2.000000,', address.segmentUrl('src', `seg-${String(i).padStart(6, '0')}.ts`, 1)];
const part = (seg, k) =>
  `#EXT-X-PART:DURATION=0.400000,URI="${partUrl(seg, k)}"${k % 3 === 0 ? ',INDEPENDENT=YES' : ''}`;

test('the playlists follow the parts of the segment in progress until it completes', async (t) => {
  const s = await partsStream(t);
  s.session.listParts = true;
  s.root = await rootWithParts(9, 1);
  assert.deepEqual(await body(s), [...segment(6), ...segment(7), ...segment(8), part(9, 0)]);

  s.root = await rootWithParts(9, 4);
  assert.deepEqual(await body(s), [
    ...segment(6),
    ...segment(7),
    ...segment(8),
    ...[0, 1, 2, 3].map((k) => part(9, k)),
  ]);

  // An origin still serving an older state of segment 9 (fewer parts): not an error, nothing goes back.
  s.root = await rootWithParts(9, 2);
  assert.deepEqual(
    (await body(s)).slice(-4),
    [0, 1, 2, 3].map((k) => part(9, k)),
  );

  s.root = await rootWithParts(10, 1); // segment 9 complete, segment 10 begins
  assert.deepEqual(await body(s), [...segment(7), ...segment(8), ...segment(9), part(10, 0)]);
  assert.deepEqual(s.refused, []);
});

test("the header announces parts while any are listed, also between a segment and the next one's first part", async (t) => {
  const s = await partsStream(t);
  s.session.listParts = true;
  s.root = await rootWithParts(9, 2);
  const withParts = await s.session.answer(address.mediaUrl('src'), null);
  assert.ok(withParts.includes('#EXT-X-PART-INF:PART-TARGET=0.400000\n'));
  assert.ok(withParts.includes('#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.200000\n'));
  for (let k = 3; k <= 5; k++) {
    s.root = await rootWithParts(9, k); // all of segment 9 seen
    await body(s);
  }
  // Segment 9 complete, no part of segment 10 signed yet: 9's parts are still listed under the header.
  s.root = await rootWithParts(10, 0);
  const between = await s.session.answer(address.mediaUrl('src'), null);
  assert.ok(between.includes('#EXT-X-PART-INF:PART-TARGET=0.400000\n'));
  assert.deepEqual((await body(s)).slice(-7), [...[0, 1, 2, 3, 4].map((k) => part(9, k)), ...segment(9)]);
});

test('the header stays when no part is listed at all, once this epoch has shown parts', async (t) => {
  const s = await partsStream(t);
  s.session.listParts = true;
  s.root = await rootWithParts(10, 0); // no part seen yet: a plain playlist
  assert.ok(!(await s.session.answer(address.mediaUrl('src'), null)).includes('PART'));
  s.root = await rootWithParts(10, 3); // segment 10 seen only in part
  await body(s);
  s.root = await rootWithParts(11, 0); // 10 complete, its parts not all seen, none of 11 yet
  const text = await s.session.answer(address.mediaUrl('src'), null);
  assert.ok(text.includes('#EXT-X-PART-INF:PART-TARGET=0.400000\n'));
  assert.ok(text.includes('#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.200000\n'));
  assert.ok(!text.includes('#EXT-X-PART:'), 'no part listed: none with a gap');
});

test("the parts of a later epoch's first segment are not listed: it will follow a discontinuity", async () => {
  const parts = await partsOf(0, 2);
  const playlist = async (root) => {
    const s = new Session(address, null, { announce: null, refreshManifest: async () => root }, null, new EventBus());
    s.listParts = true;
    return s.answer(address.mediaUrl('src'), null);
  };
  const firstOf = (epoch) => ({ epoch, treeSize: 0, timeMs: Date.now(), window: [], parts });
  assert.ok(!(await playlist({ ...firstOf(2), previous: { epoch: 1, treeSize: 0 } })).includes('PART'));
  assert.ok((await playlist(firstOf(1))).includes('#EXT-X-PART:'), "the stream's first segment: listed");
});

test('once a segment completes, its parts seen whole are listed before its EXTINF (hls.js needs them)', async (t) => {
  const s = await partsStream(t);
  s.session.listParts = true;
  for (let k = 1; k <= 5; k++) {
    s.root = await rootWithParts(9, k); // 5 parts of 0.4 s: all of the 2 s segment 9
    await body(s);
  }
  s.root = await rootWithParts(10, 1);
  assert.deepEqual(await body(s), [
    ...segment(7),
    ...segment(8),
    ...[0, 1, 2, 3, 4].map((k) => part(9, k)),
    ...segment(9),
    part(10, 0),
  ]);
  assert.deepEqual(s.refused, []);
});

test('a completed segment whose parts this viewer saw only in part is listed without them', async (t) => {
  const s = await partsStream(t);
  s.session.listParts = true;
  s.root = await rootWithParts(9, 3); // the roots with parts 3 and 4 of segment 9 were missed
  await body(s);
  s.root = await rootWithParts(10, 1);
  assert.deepEqual(await body(s), [...segment(7), ...segment(8), ...segment(9), part(10, 0)]);
});

test('the parts of the last three complete segments are listed, back to the first with a gap', async (t) => {
  const s = await partsStream(t);
  s.session.listParts = true;
  const seen = async (segment, count) => {
    for (let k = 1; k <= count; k++) {
      s.root = await rootWithParts(segment, k);
      await body(s);
    }
  };
  await seen(9, 5);
  await seen(10, 4); // segment 10's last part was missed: nothing at or before it is listed
  await seen(11, 5);
  await seen(12, 5);
  s.root = await rootWithParts(13, 1);
  const whole = (seg) => [...[0, 1, 2, 3, 4].map((k) => part(seg, k)), ...segment(seg)];
  assert.deepEqual(await body(s), [...segment(10), ...whole(11), ...whole(12), part(13, 0)]);
  await seen(13, 5);
  s.root = await rootWithParts(14, 1);
  assert.deepEqual(await body(s), [...whole(11), ...whole(12), ...whole(13), part(14, 0)]);
  assert.deepEqual(s.refused, []);
});

test('while parts are listed, manifest requests are half a part target apart however fast the origin answers', async (t) => {
  const s = await partsStream(t); // its origins answer at once, like a static server
  s.session.listParts = true;
  s.root = await rootWithParts(9, 2); // 0.4 s parts: 200 ms apart
  await body(s);
  await body(s);
  const start = performance.now();
  for (let i = 0; i < 5; i++) await body(s);
  const took = performance.now() - start;
  assert.ok(took >= 5 * 200 - 5, `5 playlists in ${took.toFixed(0)} ms`);
  assert.ok(took < 5 * 200 + 800, `5 playlists in ${took.toFixed(0)} ms: waited longer than the spacing`);
});
