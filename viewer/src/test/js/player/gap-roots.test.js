import assert from 'node:assert/strict';
import { test } from 'node:test';

import { AHEAD, GapRoots, walkedRootCap } from '../../../main/js/player/gap-roots.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

test('a walk keeps a few roots on their way, never more, and hands them over in order', async () => {
  let inFlight = 0;
  let most = 0;
  const gap = new GapRoots(['https://a/'], 20, async (base, size) => {
    most = Math.max(most, ++inFlight);
    await tick();
    inFlight--;
    return { treeSize: size };
  });
  const got = [];
  for (let size = 6; size < 20; size++) got.push((await gap.fetchRoot(size)).treeSize);
  assert.deepEqual(got, [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  assert.ok(most >= 2 && most <= AHEAD, `at most ${AHEAD} at once, more than one: ${most}`);
});

test('an origin that fails is asked once per walk; the others serve the signed roots', async () => {
  const asked = [];
  const gap = new GapRoots(['https://slow/', 'https://good/'], 10, async (base, size) => {
    asked.push(`${base}${size}`);
    if (base === 'https://slow/') throw new Error('timed out');
    return { treeSize: size };
  });
  for (let size = 2; size < 10; size++) assert.equal((await gap.fetchRoot(size)).treeSize, size);
  const slow = asked.filter((a) => a.startsWith('https://slow/'));
  assert.ok(slow.length <= AHEAD, `the failing origin was asked only for what was in flight: ${slow}`);
});

test('every origin failing fails the walk with the last error', async () => {
  const gap = new GapRoots(['https://a/', 'https://b/'], 5, async (base) => {
    throw new Error(`${base} down`);
  });
  await assert.rejects(gap.fetchRoot(2), /https:\/\/b\/ down/);
});

test('a walked root is capped at twice the newest manifest, within the protocol limit', () => {
  assert.equal(walkedRootCap(3000), 64 * 1024);
  assert.equal(walkedRootCap(200_000), 416_384);
  assert.equal(walkedRootCap(1_900_000), 2 * 1024 * 1024);
});
