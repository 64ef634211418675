// A viewer's distance behind the edge: drawn from the first root, and moved once to the part
// distance when a later root is the first to sign parts, in a mode that plays them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { liveDistances } from '../../../main/js/player/delivery.js';
import { LiveDistance, partSecondsOf } from '../../../main/js/player/live-distance.js';

const part = (durationUs) => ({ uri: `p${durationUs}.m4s`, durationUs, sha256: '00'.repeat(32), size: 1 });
const withParts = (...us) => ({ parts: us.map(part) });
const noParts = { parts: [] };

test('the part length of a root is its PART-TARGET, the longest part', () => {
  assert.equal(partSecondsOf(withParts(400_000, 500_000, 333_000)), 0.5);
  assert.equal(partSecondsOf(noParts), 0);
});

test('low at an edge place moves to the part distance once, when a root first lists parts', () => {
  const d = new LiveDistance('low', 1, 0.1);
  assert.equal(d.playsParts, true);
  assert.deepEqual(d.current, liveDistances('low', 1, 0.1));
  assert.equal(d.partsSeen(noParts), null);
  const moved = d.partsSeen(withParts(500_000));
  assert.deepEqual(moved, liveDistances('low', 1, 0.1, 0.5));
  assert.equal(moved.liveSyncDuration, 1.5);
  assert.equal(d.partsSeen(withParts(300_000)), null, 'drawn once');
  assert.deepEqual(d.current, moved);
});

test('a distance drawn from a root with parts does not move again', () => {
  const d = new LiveDistance('low', 1, 0.2, 0.5);
  assert.equal(d.current.liveSyncDuration, 1.5);
  assert.equal(d.partsSeen(withParts(500_000)), null);
});

test('low behind the edge places plays whole segments and never moves to parts', () => {
  const d = new LiveDistance('low', 1, 0.7);
  assert.equal(d.playsParts, false);
  assert.equal(d.partsSeen(withParts(500_000)), null);
  assert.deepEqual(d.current, liveDistances('low', 1, 0.7));
  assert.ok(d.current.liveSyncDuration >= 2);
});

test('normal never plays parts and never moves', () => {
  const d = new LiveDistance('normal', 1, 0.5);
  assert.equal(d.playsParts, false);
  assert.equal(d.partsSeen(withParts(500_000)), null);
  assert.deepEqual(d.current, liveDistances('normal', 1, 0.5));
});
