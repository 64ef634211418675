import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventBus, Events } from '../../../main/js/player/events.js';
import { Session } from '../../../main/js/player/session.js';
import { StreamAddress } from '../../../main/js/player/stream-address.js';

const address = new StreamAddress('PUB', 'live');
const root = (ageMs, lastDurationUs = 1000000) => ({
  epoch: 1,
  timeMs: Date.now() - ageMs,
  treeSize: 2,
  window: [
    { index: 0, uri: 'seg-0.ts', durationUs: 1000000 },
    { index: 1, uri: 'seg-1.ts', durationUs: lastDurationUs },
  ],
});

/** A Session that has written one media playlist per rendition from `roots`, as hls.js would ask. */
async function session(roots, bus = new EventBus()) {
  const trust = { announce: null, refreshManifest: async (rendition) => roots[rendition] };
  const s = new Session(address, null, trust, null, bus);
  for (const rendition of Object.keys(roots)) await s.answer(address.mediaUrl(rendition), null);
  return s;
}

test('a written media playlist is as old as the signed manifest behind it', async () => {
  const s = await session({ src: root(700), '360p': root(300) });
  const near = (a, b) => Math.abs(a - b) < 50;
  assert.ok(near(s.playlistAgeMs(address.mediaUrl('src')), 700));
  assert.ok(near(s.playlistAgeMs(address.mediaUrl('360p')), 300));
});

test('the age is capped at two segment durations: the node clock and ours may disagree', async () => {
  const age = async (r) => (await session({ src: r })).playlistAgeMs(address.mediaUrl('src'));
  assert.equal(await age(root(60000)), 2000);
  assert.equal(await age(root(60000, 4000000)), 8000);
  // A manifest "from the future" (our clock behind the node's) counts as fresh, never negative.
  assert.equal(await age(root(-5000)), 0);
});

test('nothing known, or not a media playlist: age 0', async () => {
  const s = await session({ src: root(700) });
  assert.equal(s.playlistAgeMs(address.mediaUrl('720p')), 0);
  assert.equal(s.playlistAgeMs(address.masterUrl()), 0);
  assert.equal(s.playlistAgeMs(address.segmentUrl('src', 'seg-1-000001.ts', 1)), 0);
  assert.equal(s.playlistAgeMs('https://elsewhere.example/src/index.m3u8'), 0);
  const empty = await session({ src: { epoch: 1, timeMs: Date.now() - 700, treeSize: 0, window: [] } });
  assert.equal(empty.playlistAgeMs(address.mediaUrl('src')), 0);
});

test('each written media playlist is announced with the root behind it (for the latency figure)', async () => {
  const bus = new EventBus();
  const written = [];
  bus.on(Events.MEDIA_PLAYLIST_WRITTEN, (e) => written.push(e));
  const src = root(700);
  await session({ src }, bus);
  assert.deepEqual(written, [{ rendition: 'src', root: src, edgeTimeMs: src.timeMs }]);
});

/** `root(ageMs)` that also signed parts of 0.4 s + 0.3 s of the segment in progress. */
const rootWithParts = (ageMs) => ({
  ...root(ageMs),
  parts: [
    { uri: 'seg-2-p0.ts', durationUs: 400_000, sha256: '00'.repeat(32), size: 1, independent: true },
    { uri: 'seg-2-p1.ts', durationUs: 300_000, sha256: '11'.repeat(32), size: 1, independent: false },
  ],
});

test('a playlist that does not list the parts its root signed is as old as its last segment', async () => {
  // The node signed this root when part 1 completed, 0.7 s of media after segment 1 ended.
  const near = (a, b) => Math.abs(a - b) < 50;
  const bus = new EventBus();
  const written = [];
  bus.on(Events.MEDIA_PLAYLIST_WRITTEN, (e) => written.push(e));
  const src = rootWithParts(200);
  const s = await session({ src }, bus);
  assert.ok(near(s.playlistAgeMs(address.mediaUrl('src')), 900));
  assert.equal(written[0].edgeTimeMs, src.timeMs - 700);
});

test('a playlist that lists the parts is as old as its root: its edge is the last part', async () => {
  const near = (a, b) => Math.abs(a - b) < 50;
  const trust = { announce: null, refreshManifest: async () => rootWithParts(200), segmentParts: () => [] };
  const s = new Session(address, null, trust, null, new EventBus());
  s.listParts = true;
  const text = await s.answer(address.mediaUrl('src'), null);
  assert.ok(text.includes('#EXT-X-PART:'));
  assert.ok(near(s.playlistAgeMs(address.mediaUrl('src')), 200));
});
