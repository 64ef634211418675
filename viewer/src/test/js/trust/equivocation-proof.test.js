// EQUIVOCATION_PROOF version 2 (protocol §4.5), checked as `ownerless verify FILE` does: MALFORMED
// unless both objects parse, are signed by the key they name and contradict each other in one of
// the three ways; then WRONG_KEY if they are signed by another key than the expected one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrustError, equivocationProof, verifyEquivocationProof } from '../../../main/js/trust/index.js';
import { CREATOR, OTHER, announceBody, link, manifestBody, signText } from './helpers.js';

const json = async (body, signer = CREATOR) => JSON.parse(await signText(body, signer));
const rootJson = async (epoch, size, previous, forkAt = null, signer = CREATOR) =>
  json(await manifestBody(epoch, size, 3, 0, signer, previous, forkAt), signer);
const proofText = (first, second, extra = {}) =>
  JSON.stringify({ type: 'EQUIVOCATION_PROOF', v: 2, first, second, ...extra });

async function verdict(text, creator = null) {
  try {
    await verifyEquivocationProof(text, creator);
    return 'OK';
  } catch (e) {
    if (e instanceof TrustError) return e.problem;
    throw e;
  }
}

test('the proofs the trackers build are version 2', () => {
  assert.equal(equivocationProof({}, {}).v, 2);
});

test('the three forms of §4.5 are valid proofs', async () => {
  const a1 = await rootJson(2, 9, await link(1, 4));
  // (a) same epoch and size, other rootHash (one index listed with other bytes) ...
  assert.equal(await verdict(proofText(a1, await rootJson(2, 9, await link(1, 4), 7)), CREATOR.pub), 'OK');
  // ... or the same rootHash and another previous.
  assert.equal(await verdict(proofText(a1, await rootJson(2, 9, await link(1, 5)))), 'OK');
  // (b) epoch e at size 9, then epoch e + 1 whose previous ends e below 9, or at 9 with another hash.
  const r = await rootJson(1, 9, null);
  assert.equal(await verdict(proofText(r, await rootJson(2, 3, await link(1, 8)))), 'OK');
  const replaced = { ...(await link(1, 9)), rootHash: (await manifestBody(1, 9, 3, 0, CREATOR, null, 2)).rootHash };
  assert.equal(await verdict(proofText(r, await rootJson(2, 3, replaced))), 'OK');
  // (c) two announces with equal seq and different content.
  const b = announceBody(5);
  b.title = 'another title';
  const proof = proofText(await json(announceBody(5)), await json(b));
  assert.equal(await verdict(proof, CREATOR.pub), 'OK');
  assert.equal((await verifyEquivocationProof(proof)).type, 'STREAM_ANNOUNCE');
});

test('objects that do not contradict each other are not a proof: MALFORMED', async () => {
  const r9 = await rootJson(1, 9, null);
  const cases = [
    ['the same root twice', r9, await rootJson(1, 9, null)],
    ['two sizes of one epoch', r9, await rootJson(1, 10, null)],
    ['a correctly linked next epoch', r9, await rootJson(2, 3, await link(1, 9))],
    ['a next epoch linked beyond the root', r9, await rootJson(2, 3, await link(1, 12))],
    ['the epochs the other way round', await rootJson(2, 3, await link(1, 8)), r9],
    ['an epoch skipped', r9, await rootJson(3, 3, await link(2, 0))],
    ['another rendition', r9, await json({ ...(await manifestBody(1, 9, 3, 0, CREATOR, null, 7)), rendition: '360p' })],
    ['a root and an announce', r9, await json(announceBody(1))],
    ['the same announce twice', await json(announceBody(3)), await json(announceBody(3))],
    ['announces of two seqs', await json(announceBody(3)), await json(announceBody(4))],
  ];
  for (const [name, first, second] of cases) assert.equal(await verdict(proofText(first, second)), 'MALFORMED', name);
});

test('a proof whose objects are not genuinely signed, or that is not well formed, is MALFORMED', async () => {
  const a = await rootJson(1, 9, null);
  const b = await rootJson(1, 9, null, 7);
  assert.equal(await verdict(proofText(a, b)), 'OK');
  const bad = [
    ['a signature that does not verify', proofText(a, { ...b, timeMs: b.timeMs + 1 })],
    [
      'second signed by another key naming the creator',
      proofText(a, { ...(await rootJson(1, 9, null, 7, OTHER)), creator: CREATOR.pub }),
    ],
    ['version 1', JSON.stringify({ type: 'EQUIVOCATION_PROOF', v: 1, first: a, second: b })],
    ['version 3', JSON.stringify({ type: 'EQUIVOCATION_PROOF', v: 3, first: a, second: b })],
    ['another type', JSON.stringify({ type: 'EQUIVOCATION', v: 2, first: a, second: b })],
    ['an unknown field', proofText(a, b, { note: 'x' })],
    ['second missing', JSON.stringify({ type: 'EQUIVOCATION_PROOF', v: 2, first: a })],
    ['a v1 root inside', proofText({ ...a, v: 1 }, b)],
    ['a root without its frontier', proofText(a, { ...b, frontier: undefined })],
    ['not JSON', 'EQUIVOCATION_PROOF'],
    ['an array', '[]'],
  ];
  for (const [name, text] of bad) assert.equal(await verdict(text), 'MALFORMED', name);
});

test('a valid proof against another key than the expected one is WRONG_KEY; an invalid one stays MALFORMED', async () => {
  const a = await rootJson(1, 9, null, null, OTHER);
  const b = await rootJson(1, 9, null, 7, OTHER);
  assert.equal(await verdict(proofText(a, b), OTHER.pub), 'OK');
  assert.equal(await verdict(proofText(a, b), CREATOR.pub), 'WRONG_KEY');
  assert.equal(await verdict(proofText(a, a), CREATOR.pub), 'MALFORMED');
});
