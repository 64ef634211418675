import assert from 'node:assert/strict';
import { test } from 'node:test';

import { AHEAD, GapRoots, walkEnd, walkedRootCap } from '../../../main/js/player/gap-roots.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

test('a walk keeps a few roots on their way, never more, and hands them over in order', async () => {
  let inFlight = 0;
  let most = 0;
  const gap = new GapRoots(['https://a/'], { epoch: 1, treeSize: 20 }, async (base, epoch, size) => {
    most = Math.max(most, ++inFlight);
    await tick();
    inFlight--;
    return { epoch, treeSize: size };
  });
  const got = [];
  for (let size = 6; size < 20; size++) got.push((await gap.fetchRoot(1, size)).treeSize);
  assert.deepEqual(got, [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  assert.ok(most >= 2 && most <= AHEAD, `at most ${AHEAD} at once, more than one: ${most}`);
});

test('an origin that fails is asked once per walk; the others serve the signed roots', async () => {
  const asked = [];
  const gap = new GapRoots(
    ['https://slow/', 'https://good/'],
    { epoch: 1, treeSize: 10 },
    async (base, epoch, size) => {
      asked.push(`${base}${size}`);
      if (base === 'https://slow/') throw new Error('timed out');
      return { treeSize: size };
    },
  );
  for (let size = 2; size < 10; size++) assert.equal((await gap.fetchRoot(1, size)).treeSize, size);
  const slow = asked.filter((a) => a.startsWith('https://slow/'));
  assert.ok(slow.length <= AHEAD, `the failing origin was asked only for what was in flight: ${slow}`);
});

test('every origin failing fails the walk with the last error', async () => {
  const gap = new GapRoots(['https://a/', 'https://b/'], { epoch: 1, treeSize: 5 }, async (base) => {
    throw new Error(`${base} down`);
  });
  await assert.rejects(gap.fetchRoot(1, 2), /https:\/\/b\/ down/);
});

test('a walked root is capped at twice the newest manifest, within the protocol limit', () => {
  assert.equal(walkedRootCap(3000), 64 * 1024);
  assert.equal(walkedRootCap(200_000), 416_384);
  assert.equal(walkedRootCap(1_900_000), 2 * 1024 * 1024);
});

test('a walk into the epoch before fetches that epoch up to where the newest root says it ended, not beyond', async () => {
  const newest = { epoch: 3, treeSize: 4, previous: { epoch: 2, treeSize: 9, rootHash: 'x' } };
  assert.equal(walkEnd(newest, 3), 3);
  assert.equal(walkEnd(newest, 2), 9);
  assert.equal(walkEnd(newest, 1), -1);
  const asked = [];
  const gap = new GapRoots(['https://a/'], newest, async (base, epoch, size) => {
    asked.push(`${epoch}-${size}`);
    return { epoch, treeSize: size };
  });
  for (let size = 7; size <= 9; size++) assert.equal((await gap.fetchRoot(2, size)).treeSize, size);
  assert.deepEqual(asked.sort(), ['2-7', '2-8', '2-9']);
});
