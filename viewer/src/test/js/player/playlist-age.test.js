import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../../../main/js/player/session.js';
import { StreamAddress } from '../../../main/js/player/stream-address.js';
import { Stats } from '../../../main/js/player/stats.js';

const address = new StreamAddress('PUB', 'live');
const root = (ageMs, lastDurationUs = 1000000) => ({
  timeMs: Date.now() - ageMs,
  window: [{ durationUs: 1000000 }, { durationUs: lastDurationUs }],
});

function session(roots) {
  const stats = new Stats();
  for (const [rendition, r] of Object.entries(roots)) stats.manifest(rendition, r);
  return new Session(address, null, null, null, stats);
}

test('a written media playlist is as old as the signed manifest behind it', () => {
  const s = session({ src: root(700), '360p': root(300) });
  const near = (a, b) => Math.abs(a - b) < 50;
  assert.ok(near(s.playlistAgeMs(address.mediaUrl('src')), 700));
  assert.ok(near(s.playlistAgeMs(address.mediaUrl('360p')), 300));
});

test('the age is capped at two segment durations: the node clock and ours may disagree', () => {
  assert.equal(session({ src: root(60000) }).playlistAgeMs(address.mediaUrl('src')), 2000);
  assert.equal(session({ src: root(60000, 4000000) }).playlistAgeMs(address.mediaUrl('src')), 8000);
  // A manifest "from the future" (our clock behind the node's) counts as fresh, never negative.
  assert.equal(session({ src: root(-5000) }).playlistAgeMs(address.mediaUrl('src')), 0);
});

test('nothing known, or not a media playlist: age 0', () => {
  const s = session({ src: root(700) });
  assert.equal(s.playlistAgeMs(address.mediaUrl('720p')), 0);
  assert.equal(s.playlistAgeMs(address.masterUrl()), 0);
  assert.equal(s.playlistAgeMs(address.segmentUrl('src', 'seg-1-000001.ts')), 0);
  assert.equal(s.playlistAgeMs('https://elsewhere.example/src/index.m3u8'), 0);
  assert.equal(session({ src: { timeMs: Date.now() - 700, window: [] } }).playlistAgeMs(address.mediaUrl('src')), 0);
});
