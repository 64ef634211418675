// The signed LL-HLS parts of accepted roots, through StreamTrust and Session as hls.js meets them:
// each becomes a signed entry, its URL is answered only with bytes that pass verifyPart (an origin
// serving other bytes is refused and passed over), and the parts remembered stay bounded.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Events } from '../../../main/js/player/events.js';
import { MAX_PARTS } from '../../../main/js/trust/index.js';
import { address, partBytes, partUrl, partUri, partsStream, rootWithParts } from './parts-stream.js';

const answer = (s, url) => s.session.answer(url, new AbortController().signal);

test('each part of an accepted root is a signed entry, and stays one after its segment completed', async (t) => {
  const s = await partsStream(t);
  s.root = await rootWithParts(9, 2);
  await s.trust.refreshManifest('src');
  const entry = s.trust.entry('src', 1, partUri(9, 1));
  assert.equal(entry.part, true);
  assert.equal(entry.size, partBytes(9, 1).length);
  assert.equal(s.trust.entry('src', 1, partUri(9, 2)), undefined, 'not signed yet');

  s.root = await rootWithParts(9, 3); // the same segment, one more part
  await s.trust.refreshManifest('src');
  assert.equal(s.trust.entry('src', 1, partUri(9, 2)).part, true);

  s.root = await rootWithParts(10, 0); // segment 9 completed: its root lists no parts
  await s.trust.refreshManifest('src');
  assert.equal(s.trust.entry('src', 1, partUri(9, 0)).part, true, 'a playlist read just before may still name it');
  assert.equal(s.trust.entry('src', 1, 'seg-000009.ts').part, undefined, 'the segment is a window entry');
});

test('a part altered by one origin is refused (verifyPart) and the signed bytes come from the next', async (t) => {
  const s = await partsStream(t);
  s.root = await rootWithParts(9, 2);
  s.session.listParts = true;
  const playlist = await s.session.answer(address.mediaUrl('src'), null);
  assert.ok(playlist.includes(`URI="${partUrl(9, 1)}"`));

  const data = await answer(s, partUrl(9, 1));
  assert.deepEqual(new Uint8Array(data), partBytes(9, 1));
  assert.deepEqual(s.asked, [`hostile src/${partUri(9, 1)}`, `honest src/${partUri(9, 1)}`]);
  assert.deepEqual(s.refused, [`SEGMENT_MISMATCH ${partUrl(9, 1)}`]);
  assert.match(s.refusals[0].message, /part seg-1-000009-p1\.ts does not match its signed part/);
});

test('a part no origin serves genuinely is never answered', async (t) => {
  const s = await partsStream(t);
  s.root = await rootWithParts(9, 1);
  await s.trust.refreshManifest('src');
  s.origins.list.splice(1); // the hostile origin only
  await assert.rejects(answer(s, partUrl(9, 0)), /not the signed one/);
  assert.deepEqual(s.refused, [`SEGMENT_MISMATCH ${partUrl(9, 0)}`]);
});

test('a part nobody signed is not fetched at all', async (t) => {
  const s = await partsStream(t);
  s.root = await rootWithParts(9, 1);
  await s.trust.refreshManifest('src');
  await assert.rejects(answer(s, partUrl(9, 5)), /no signed entry/);
  assert.deepEqual(s.asked, []);
});

test('without listParts (any mode but low) the playlist names no part', async (t) => {
  const s = await partsStream(t);
  s.root = await rootWithParts(9, 2);
  const playlist = await s.session.answer(address.mediaUrl('src'), null);
  assert.ok(!playlist.includes('PART'));
  assert.ok(playlist.trimEnd().endsWith(address.segmentUrl('src', 'seg-000008.ts', 1)));
});

test('parts remembered are bounded: those of the oldest segments go first, window entries stay', async (t) => {
  const s = await partsStream(t);
  for (let size = 9; size <= 13; size++) {
    s.root = await rootWithParts(size, MAX_PARTS);
    await s.trust.refreshManifest('src');
  }
  // 5 segments of MAX_PARTS parts, room for 4 × MAX_PARTS: segment 9's are gone, 10's to 13's kept.
  assert.equal(s.trust.entry('src', 1, partUri(9, MAX_PARTS - 1)), undefined);
  assert.equal(s.trust.entry('src', 1, partUri(10, 0)).part, true);
  assert.equal(s.trust.entry('src', 1, partUri(13, MAX_PARTS - 1)).part, true);
  for (const i of [10, 11, 12]) assert.ok(s.trust.entry('src', 1, `seg-${String(i).padStart(6, '0')}.ts`));
});

test('a verified part is announced as a part, so the stats can count the parts played', async (t) => {
  const s = await partsStream(t);
  s.root = await rootWithParts(9, 2);
  await s.trust.refreshManifest('src');
  const verified = [];
  s.bus.on(Events.SEGMENT_VERIFIED, (e) => verified.push(e));
  assert.equal(await s.verifier.verify(partUrl(9, 1), partBytes(9, 1).buffer, 'player'), true);
  assert.deepEqual(verified, [{ url: partUrl(9, 1), bytes: partBytes(9, 1).length, source: 'player', part: true }]);
});
