// MANIFEST_ROOT version 2 (protocol §4.3): the frontier binds the window to the signed root, and
// `previous` links an epoch to the one before. Single-object verdicts, in the Java order:
// MALFORMED → WRONG_KEY → BAD_SIGNATURE → ROOT_MISMATCH → WRONG_STREAM.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EMPTY_TREE_HASH,
  TrustError,
  V1_REFUSED,
  frontierCount,
  frontierSpans,
  rootFromFrontier,
  toHex,
  verifyManifest,
} from '../../../main/js/trust/index.js';
import {
  CREATOR,
  OTHER,
  emptyLink,
  fixtureEntry,
  fixtureLeafHashes,
  frontierOf,
  link,
  manifestBody,
  merkleTreeHash,
  signText,
} from './helpers.js';

const pinned = { creator: CREATOR.pub };

async function verdict(body, expected = pinned, signer = CREATOR) {
  try {
    await verifyManifest(await signText(body, signer), expected);
    return 'OK';
  } catch (e) {
    if (e instanceof TrustError) return e.problem;
    throw e;
  }
}

test('frontier layout: one aligned perfect subtree per set bit of first, highest first', () => {
  assert.equal(frontierCount(0), 0);
  assert.equal(frontierCount(6), 2);
  assert.equal(frontierCount(2 ** 40 + 5), 3);
  assert.equal(frontierCount(Number.MAX_SAFE_INTEGER), 53);
  assert.deepEqual(frontierSpans(13), [
    { start: 0, width: 8 },
    { start: 8, width: 4 },
    { start: 12, width: 1 },
  ]);
  assert.deepEqual(frontierSpans(2 ** 53 - 1).length, 53);
});

test('the root recomputed from frontier and window equals MTH for every window of every size ≤ 33', async () => {
  const leaves = await fixtureLeafHashes(33);
  const entries = await Promise.all(Array.from({ length: 33 }, (_, i) => fixtureEntry(i)));
  for (let size = 0; size <= 33; size++) {
    const expected = toHex(await merkleTreeHash(leaves.slice(0, size)));
    for (let first = 0; first <= size; first++) {
      const frontier = (await frontierOf(leaves, first)).map(toHex);
      assert.equal(rootFromFrontier(first, frontier, entries.slice(first, size)), expected, `${first}..${size}`);
    }
  }
  assert.equal(rootFromFrontier(0, [], []), EMPTY_TREE_HASH);
});

test('every fixture root verifies, windows of any length, with and without frontier', async () => {
  for (const [size, windowSize] of [
    [1, 1],
    [9, 3],
    [16, 0],
    [17, 1],
    [33, 33],
    [33, 5],
  ]) {
    assert.equal(await verdict(await manifestBody(1, size, windowSize, 0)), 'OK', `${size}/${windowSize}`);
  }
});

test('a frontier of the wrong length is MALFORMED', async () => {
  const cases = [
    ['one hash missing', (b) => b.frontier.pop()],
    ['one hash too many', (b) => b.frontier.push('00'.repeat(32))],
    ['none where first = 6 needs 2', (b) => (b.frontier = [])],
    ['field missing', (b) => delete b.frontier],
    ['65 hashes', (b) => (b.frontier = Array(65).fill('00'.repeat(32)))],
    ['uppercase hex', (b) => (b.frontier[0] = b.frontier[0].toUpperCase())],
    ['short hash', (b) => (b.frontier[0] = b.frontier[0].slice(2))],
    ['not a string', (b) => (b.frontier[0] = 7)],
  ];
  for (const [name, mutate] of cases) {
    const body = await manifestBody(1, 9, 3, 6);
    mutate(body);
    assert.equal(await verdict(body), 'MALFORMED', name);
  }
  // An empty window at size 9 needs popcount(9) = 2 hashes, not the window-of-3 layout's.
  const empty = await manifestBody(1, 9, 0, 0);
  assert.equal(empty.frontier.length, 2);
  assert.equal(await verdict(empty), 'OK');
});

test('a window entry changed (bytes, size, duration, discontinuity) or a frontier hash changed: ROOT_MISMATCH', async () => {
  const cases = [
    ['other segment bytes', (b) => (b.window[1].sha256 = 'ab'.repeat(32))],
    ['other size', (b) => (b.window[1].size += 1)],
    ['other duration', (b) => (b.window[2].durationUs += 1)],
    ['discontinuity flag', (b) => (b.window[0].discontinuity = !b.window[0].discontinuity)],
    ['a frontier hash', (b) => (b.frontier[1] = 'cd'.repeat(32))],
    ['frontier swapped', (b) => b.frontier.reverse()],
    ['signed rootHash', (b) => (b.rootHash = 'ef'.repeat(32))],
  ];
  for (const [name, mutate] of cases) {
    const body = await manifestBody(1, 9, 3, 6);
    mutate(body);
    assert.equal(await verdict(body), 'ROOT_MISMATCH', name);
  }
  // The uri is not in the leaf (the playlist names it; the bytes are what the leaf binds).
  const body = await manifestBody(1, 9, 3, 6);
  body.window[0].uri = 'other.ts';
  assert.equal(await verdict(body), 'OK');
});

test('ROOT_MISMATCH comes after the key and signature checks and before the stream checks', async () => {
  const body = await manifestBody(1, 9, 3, 6);
  body.window[1].sha256 = 'ab'.repeat(32);
  assert.equal(await verdict(body, { creator: OTHER.pub }), 'WRONG_KEY');
  const text = await signText(body);
  const broken = text.replace('"timeMs":1764000018000', '"timeMs":1764000018001');
  await assert.rejects(verifyManifest(broken, pinned), { problem: 'BAD_SIGNATURE' });
  assert.equal(await verdict(body, { creator: CREATOR.pub, name: 'other', rendition: '360p' }), 'ROOT_MISMATCH');
});

test('previous: required after epoch 1, forbidden in it, naming epoch − 1, strict fields', async () => {
  const ok = [
    ['epoch 2 linked to an empty epoch 1', await manifestBody(2, 5, 3, 0)],
    ['epoch 2 linked to epoch 1 at size 9', await manifestBody(2, 5, 3, 0, CREATOR, await link(1, 9))],
    ['epoch 7', await manifestBody(7, 5, 3, 0, CREATOR, emptyLink(6))],
  ];
  for (const [name, body] of ok) assert.equal(await verdict(body), 'OK', name);
  const at2 = async (mutate) => {
    const body = await manifestBody(2, 5, 3, 0, CREATOR, await link(1, 9));
    mutate(body);
    return verdict(body);
  };
  const bad = [
    ['missing at epoch 2', (b) => delete b.previous],
    ['names epoch 2 itself', (b) => (b.previous.epoch = 2)],
    ['names epoch 0', (b) => (b.previous.epoch = 0)],
    ['negative treeSize', (b) => (b.previous.treeSize = -1)],
    ['size 0 with another hash than the empty tree', (b) => (b.previous.treeSize = 0)],
    ['uppercase rootHash', (b) => (b.previous.rootHash = b.previous.rootHash.toUpperCase())],
    ['missing rootHash', (b) => delete b.previous.rootHash],
    ['unknown field', (b) => (b.previous.time = 1)],
    ['not an object', (b) => (b.previous = [1, 9, 'x'])],
  ];
  for (const [name, mutate] of bad) assert.equal(await at2(mutate), 'MALFORMED', name);
  const first = await manifestBody(1, 5, 3, 0);
  first.previous = emptyLink(1);
  assert.equal(await verdict(first), 'MALFORMED', 'present in epoch 1');
  assert.equal(await at2((b) => (b.previous.treeSize = 2 ** 53 - 1)), 'OK', 'any safe size');
});

test('a version 1 root is refused with the upgrade message', async () => {
  const body = await manifestBody(1, 9, 3, 6);
  body.v = 1;
  await assert.rejects(verifyManifest(await signText(body), pinned), (e) => {
    assert.equal(e.problem, 'MALFORMED');
    assert.ok(e.message.includes(V1_REFUSED));
    return true;
  });
});
