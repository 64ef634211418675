// A viewer playing parts joins a completed segment's verified parts and hands the engine the segment
// only when the joined bytes are exactly the signed segment: once, and again later only if the engine
// did not list the segment yet.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Events } from '../../../main/js/player/events.js';
import { PartSeeding } from '../../../main/js/player/part-seeding.js';
import { sha256, toHex } from '../../../main/js/trust/index.js';
import { manifestBody, segmentBytes, signText } from '../trust/helpers.js';
import { address, partBytes, partUri, partUrl, partsOf, partsStream } from './parts-stream.js';

const SEGMENT = 8;
const segmentUrl = address.segmentUrl('src', `seg-${String(SEGMENT).padStart(6, '0')}.ts`, 1);

/** Segment 8's signed bytes cut into three parts, as the node cuts a segment into its fragments. */
function cut() {
  const bytes = segmentBytes(SEGMENT);
  const at = [0, 40, 95, bytes.length];
  return [0, 1, 2].map((k) => bytes.slice(at[k], at[k + 1]));
}

async function signedPartsOf(pieces) {
  const out = [];
  for (const [k, bytes] of pieces.entries()) {
    const sha = toHex(await sha256(bytes));
    out.push({ uri: partUri(SEGMENT, k), durationUs: 400_000, sha256: sha, size: bytes.length, independent: k === 0 });
  }
  return out;
}

/**
 * The stream's trust having read the root of size 8 listing `parts` of segment 8, then the root of
 * size 9 (segment 8 complete); `outcomes` are what the engine answers, in turn.
 */
async function seeding(t, parts, outcomes = ['stored']) {
  const s = await partsStream(t);
  const inProgress = await manifestBody(1, SEGMENT, 3, SEGMENT - 1);
  inProgress.timeMs = Date.now() - 500;
  inProgress.parts = parts;
  s.root = await signText(inProgress);
  await s.trust.refreshManifest('src');
  const complete = await manifestBody(1, SEGMENT + 1, 3, SEGMENT);
  complete.timeMs = Date.now();
  s.root = await signText(complete);
  const root = await s.trust.refreshManifest('src');
  const handed = [];
  const seeded = [];
  s.bus.on(Events.SEGMENT_SEEDED, (e) => seeded.push(e));
  const store = async (url, bytes) => {
    handed.push({ url, bytes: new Uint8Array(bytes) });
    return outcomes.shift() ?? 'held';
  };
  return { s, root, handed, seeded, seeding: new PartSeeding(address, s.trust, s.bus, store) };
}

test("a completed segment's verified parts are joined, checked and handed over once", async (t) => {
  const pieces = cut();
  const x = await seeding(t, await signedPartsOf(pieces));
  pieces.forEach((bytes, k) => x.seeding.partVerified(partUrl(SEGMENT, k), bytes.slice().buffer));
  assert.equal(await x.seeding.seed('src', x.root), 1);
  assert.equal(x.handed.length, 1);
  assert.equal(x.handed[0].url, segmentUrl);
  assert.deepEqual(x.handed[0].bytes, segmentBytes(SEGMENT));
  assert.deepEqual(x.seeded, [{ url: segmentUrl, bytes: segmentBytes(SEGMENT).length, parts: 3 }]);
  assert.equal(await x.seeding.seed('src', x.root), 0, 'once');
  assert.equal(x.handed.length, 1);
});

test('a missing part: nothing is handed over', async (t) => {
  const pieces = cut();
  const x = await seeding(t, await signedPartsOf(pieces));
  x.seeding.partVerified(partUrl(SEGMENT, 0), pieces[0].slice().buffer);
  x.seeding.partVerified(partUrl(SEGMENT, 2), pieces[2].slice().buffer);
  assert.equal(await x.seeding.seed('src', x.root), 0);
  assert.deepEqual(x.handed, []);
});

test('genuine parts that do not join into the signed segment are never handed over', async (t) => {
  // Signed parts whose bytes are not the segment's: nothing in the protocol ties one to the other.
  const parts = await partsOf(SEGMENT, 3);
  const x = await seeding(t, parts);
  for (let k = 0; k < 3; k++) x.seeding.partVerified(partUrl(SEGMENT, k), partBytes(SEGMENT, k).slice().buffer);
  assert.equal(await x.seeding.seed('src', x.root), 0);
  assert.deepEqual(x.handed, []);
  assert.deepEqual(x.seeded, []);
});

test('a segment the engine does not list yet is handed over again at the next playlist; one it holds is not', async (t) => {
  const pieces = cut();
  const x = await seeding(t, await signedPartsOf(pieces), ['unknown', 'held']);
  pieces.forEach((bytes, k) => x.seeding.partVerified(partUrl(SEGMENT, k), bytes.slice().buffer));
  assert.equal(await x.seeding.seed('src', x.root), 0);
  assert.equal(await x.seeding.seed('src', x.root), 0);
  assert.equal(await x.seeding.seed('src', x.root), 0);
  assert.equal(x.handed.length, 2, "tried again after 'unknown', never after 'held'");
  assert.deepEqual(x.seeded, [], 'only a stored segment counts as seeded');
});

test('only the newest parts are kept: a segment whose parts were evicted is not joined', async (t) => {
  const pieces = cut();
  const x = await seeding(t, await signedPartsOf(pieces));
  pieces.forEach((bytes, k) => x.seeding.partVerified(partUrl(SEGMENT, k), bytes.slice().buffer));
  for (let k = 0; k < 24; k++) x.seeding.partVerified(partUrl(SEGMENT + 1, k), new ArrayBuffer(1));
  assert.equal(x.seeding.parts.size, 24);
  assert.equal(await x.seeding.seed('src', x.root), 0);
  assert.deepEqual(x.handed, []);
});
