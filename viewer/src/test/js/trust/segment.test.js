// The segment check (§6) and playlist agreement (§5) beyond the shared vectors.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  TrustError,
  checkPlaylistItem,
  checkSegment,
  extinfMicros,
  sha256,
  toHex,
  verifyManifest,
  verifySegment,
} from '../../../main/js/trust/index.js';
import { CREATOR, fixtureEntry, manifestBody, segmentBytes, signText } from './helpers.js';

test('checkSegment: views at an offset hash only their own bytes; length is checked first', async () => {
  const entry = await fixtureEntry(4);
  const bytes = segmentBytes(4);
  const big = new Uint8Array(bytes.length + 20).fill(0x55);
  big.set(bytes, 10);
  assert.equal(await checkSegment(entry, big.subarray(10, 10 + bytes.length)), true);
  assert.equal(await checkSegment(entry, new DataView(big.buffer, 10, bytes.length)), true);
  assert.equal(await checkSegment(entry, big.subarray(9, 9 + bytes.length)), false);
  assert.equal(await checkSegment(entry, big), false);
  assert.equal(await checkSegment(entry, bytes.subarray(0, bytes.length - 1)), false);
  assert.equal(await checkSegment(entry, new Uint8Array(0)), false);
  // Same length, different content.
  const other = Uint8Array.from(bytes);
  other[other.length - 1] ^= 0x80;
  assert.equal(await checkSegment(entry, other), false);
  await assert.rejects(
    () => verifySegment(entry, other),
    (e) => e instanceof TrustError && e.problem === 'SEGMENT_MISMATCH',
  );
  await verifySegment(entry, bytes);
  assert.equal(toHex(await sha256(bytes)), entry.sha256);
});

test('checkSegment works on the entries of a verified manifest', async () => {
  const root = await verifyManifest(await signText(await manifestBody(1, 9, 3, 6)), { creator: CREATOR.pub });
  for (const e of root.window) {
    assert.equal(await checkSegment(e, segmentBytes(e.index)), true, `segment ${e.index}`);
    assert.equal(await checkSegment(e, segmentBytes(e.index + 1)), false, `segment ${e.index} swapped`);
  }
});

test('extinfMicros reads EXTINF to the microsecond or refuses', () => {
  assert.equal(extinfMicros('2.000000'), 2000000);
  assert.equal(extinfMicros('2.000001'), 2000001);
  assert.equal(extinfMicros('4'), 4000000);
  assert.equal(extinfMicros('3.5'), 3500000);
  assert.equal(extinfMicros(' 0.1234560 '), 123456);
  assert.equal(extinfMicros('1.0000001'), null);
  assert.equal(extinfMicros('abc'), null);
  assert.equal(extinfMicros('-1'), null);
  assert.equal(extinfMicros(''), null);
});

test('checkPlaylistItem: agreement, NOT_COVERED and PLAYLIST_MISMATCH', async () => {
  const root = await verifyManifest(await signText(await manifestBody(1, 9, 3, 6)), { creator: CREATOR.pub });
  const item = (index, over = {}) => ({
    index,
    uri: `seg-${String(index).padStart(6, '0')}.ts`,
    durationUs: 2000000,
    discontinuity: index % 7 === 3,
    ...over,
  });
  assert.equal(checkPlaylistItem(root, item(7)).index, 7);
  const fails = (it, problem) =>
    assert.throws(
      () => checkPlaylistItem(root, it),
      (e) => e.problem === problem,
    );
  fails(item(5), 'NOT_COVERED');
  fails(item(9), 'NOT_COVERED');
  fails(item(7, { uri: 'seg-000008.ts' }), 'PLAYLIST_MISMATCH');
  fails(item(7, { durationUs: 2000001 }), 'PLAYLIST_MISMATCH');
  fails(item(7, { discontinuity: true }), 'PLAYLIST_MISMATCH');
});

test('checkSegment hashes once, and not at all when the length is already wrong', async () => {
  const entry = await fixtureEntry(2);
  const bytes = segmentBytes(2);
  const proto = Object.getPrototypeOf(globalThis.crypto.subtle);
  const original = proto.digest;
  let calls = 0;
  proto.digest = function digest(...args) {
    calls++;
    return original.apply(this, args);
  };
  try {
    assert.equal(await checkSegment(entry, bytes), true);
    assert.equal(calls, 1);
    assert.equal(await checkSegment(entry, bytes.subarray(1)), false);
    assert.equal(await checkSegment(entry, new Uint8Array(bytes.length + 1)), false);
    assert.equal(calls, 1);
  } finally {
    proto.digest = original;
  }
});
