// LL-HLS parts (§4.3, §4.4 rule 4): a root may list the completed parts of the segment in progress;
// they are signed but outside the tree, refused when malformed, ordered by prefix between roots of
// one position (a fork is an equivocation), and a part's bytes are checked like a segment's.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  PartsOrder,
  RootTracker,
  TrustError,
  partsOrder,
  sha256,
  toHex,
  verifyEquivocationProof,
  verifyManifest,
  verifyPart,
} from '../../../main/js/trust/index.js';
import { CREATOR, manifestBody, signText, utf8 } from './helpers.js';

const partBytes = (segment, k) => utf8(`part ${k} of segment ${segment} `.repeat(3 + (k % 3)));

/** Part k of segment `segment`, as the Java Fixtures.part: half a second, independent every fourth. */
async function part(segment, k) {
  const bytes = partBytes(segment, k);
  const uri = `part-${String(segment).padStart(6, '0')}-${k}.ts`;
  return { uri, durationUs: 500_000, sha256: toHex(await sha256(bytes)), size: bytes.length, independent: k % 4 === 0 };
}

async function parts(segment, count) {
  const out = [];
  for (let k = 0; k < count; k++) out.push(await part(segment, k));
  return out;
}

/** The fixture root of `size` (window 4, proof from size − 1) listing `count` parts of segment `size`. */
async function bodyWithParts(size, count) {
  const body = await manifestBody(1, size, 4, size - 1);
  if (count > 0) body.parts = await parts(size, count);
  return body;
}

const verify = async (body) => verifyManifest(await signText(body), { creator: CREATOR.pub });
const isProblem = (problem) => (e) => e instanceof TrustError && e.problem === problem;

test('parts are read, signed and leave the root hash alone', async () => {
  const plain = await verify(await bodyWithParts(6, 0));
  const root = await verify(await bodyWithParts(6, 3));
  assert.equal(root.rootHash, plain.rootHash);
  assert.deepEqual(plain.parts, []);
  assert.deepEqual(
    root.parts.map((p) => [p.uri, p.independent, p.init]),
    [
      ['part-000006-0.ts', true, null],
      ['part-000006-1.ts', false, null],
      ['part-000006-2.ts', false, null],
    ],
  );
});

test('an fMP4 part names an init that no window entry uses, and that init is then not unused', async () => {
  const body = await bodyWithParts(6, 1);
  const init = { uri: 'init-cccccccccccccccc.mp4', sha256: 'c'.repeat(64), size: 700 };
  body.inits = [init];
  body.parts[0].init = init.uri;
  const root = await verify(body);
  assert.deepEqual(root.parts[0].init, init);
  delete body.parts;
  await assert.rejects(async () => verify(body), /no window entry or part uses/);
});

test('every rule of the list is MALFORMED when broken', async () => {
  const cases = {
    empty: (b) => (b.parts = []),
    'more than 64': (b) =>
      (b.parts = Array.from({ length: 65 }, (_, i) => ({ ...b.parts[0], uri: `p${i}.ts`, durationUs: 1 }))),
    'duplicate uri': (b) => (b.parts[1].uri = b.parts[0].uri),
    'a window uri': (b) => (b.parts[2].uri = 'seg-000005.ts'),
    'first not independent': (b) => (b.parts[0].independent = false),
    'over 30 s': (b) => {
      b.parts[0].durationUs = 15_000_000;
      b.parts[1].durationUs = 15_000_000;
    },
    'unlisted init': (b) => (b.parts[0].init = 'init-x.mp4'),
    'uppercase sha256': (b) => (b.parts[0].sha256 = b.parts[0].sha256.toUpperCase()),
    'size 0': (b) => (b.parts[0].size = 0),
    'duration 0': (b) => (b.parts[0].durationUs = 0),
    'independent not a boolean': (b) => (b.parts[0].independent = 'yes'),
    'unknown field': (b) => (b.parts[0].keyframe = true),
    'path-escaping uri': (b) => (b.parts[0].uri = '../part.ts'),
  };
  for (const [name, edit] of Object.entries(cases)) {
    const body = await bodyWithParts(6, 3);
    edit(body);
    await assert.rejects(async () => verify(body), isProblem('MALFORMED'), name);
  }
});

test('partsOrder: same, extends, precedes, fork', async () => {
  const two = await parts(6, 2);
  const three = await parts(6, 3);
  const forked = [three[0], three[1], { ...three[2], sha256: '0'.repeat(64) }];
  assert.equal(partsOrder(two, two), PartsOrder.SAME);
  assert.equal(partsOrder([], two), PartsOrder.EXTENDS);
  assert.equal(partsOrder(two, three), PartsOrder.EXTENDS);
  assert.equal(partsOrder(three, two), PartsOrder.PRECEDES);
  assert.equal(partsOrder(three, []), PartsOrder.PRECEDES);
  assert.equal(partsOrder(three, forked), PartsOrder.FORK);
  assert.equal(partsOrder([three[1]], two), PartsOrder.FORK);
});

test('RootTracker: growing parts replace the root, older ones are ignored, a larger size drops them', async () => {
  const t = new RootTracker();
  await t.accept(await verify(await manifestBody(1, 5, 4, 0)));
  assert.equal(await t.accept(await verify(await bodyWithParts(6, 1))), 'extended');
  assert.equal(await t.accept(await verify(await bodyWithParts(6, 3))), 'parts');
  assert.equal(await t.accept(await verify(await bodyWithParts(6, 2))), 'unchanged');
  assert.equal(await t.accept(await verify(await bodyWithParts(6, 0))), 'unchanged');
  assert.equal(t.last.parts.length, 3);
  assert.equal(await t.accept(await verify(await bodyWithParts(7, 0))), 'extended');
  assert.deepEqual(t.last.parts, []);
});

test('RootTracker: a different part at one position is an EQUIVOCATION with a portable proof', async () => {
  const t = new RootTracker();
  await t.accept(await verify(await bodyWithParts(6, 2)));
  const forked = await bodyWithParts(6, 3);
  forked.parts[1].durationUs += 1;
  const err = await t.accept(await verify(forked)).then(
    () => assert.fail('accepted a fork'),
    (e) => e,
  );
  assert.equal(err.problem, 'EQUIVOCATION');
  const proof = await verifyEquivocationProof(JSON.stringify(err.equivocation), CREATOR.pub);
  assert.equal(proof.second.parts.length, 3);
  assert.equal(t.last.parts.length, 2);
});

test('roots whose parts only precede one another are no equivocation proof', async () => {
  const first = JSON.parse(await signText(await bodyWithParts(6, 1)));
  const second = JSON.parse(await signText(await bodyWithParts(6, 3)));
  const text = JSON.stringify({ type: 'EQUIVOCATION_PROOF', v: 2, first, second });
  await assert.rejects(async () => verifyEquivocationProof(text), /the roots agree/);
});

test('verifyPart: exact length and SHA-256 of the signed part', async () => {
  const p = await part(9, 2);
  await verifyPart(p, partBytes(9, 2));
  const flipped = Uint8Array.from(partBytes(9, 2));
  flipped[0] ^= 1;
  await assert.rejects(async () => verifyPart(p, flipped), isProblem('SEGMENT_MISMATCH'));
  await assert.rejects(async () => verifyPart(p, partBytes(9, 2).subarray(1)), isProblem('SEGMENT_MISMATCH'));
  await assert.rejects(async () => verifyPart(p, partBytes(9, 3)), isProblem('SEGMENT_MISMATCH'));
});
