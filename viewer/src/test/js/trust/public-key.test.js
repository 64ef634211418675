// One spelling per key (protocol §1): y ≥ p and small-order points are refused wherever a key is
// read. The same cases as the Java PublicKeyTest; the list is cross-checked with @noble/ed25519.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as noble from '@noble/ed25519';
import { TrustError, encodeBase64Url, parsePublicKey } from '../../../main/js/trust/index.js';
import { expectedKeyText } from '../../../main/js/trust/public-key.js';
import { CREATOR, hex } from './helpers.js';

const SMALL = 'a small-order point cannot be a creator key';
const NON_CANONICAL = 'not a canonical Ed25519 public key: y ≥ p';
const P = 2n ** 255n - 19n;

// Every canonical encoding of a point of order 1, 2, 4 or 8 ...
const SMALL_ORDER_POINTS = [
  '0100000000000000000000000000000000000000000000000000000000000000', // identity
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // order 2 (y = p - 1)
  '0000000000000000000000000000000000000000000000000000000000000000', // order 4
  '0000000000000000000000000000000000000000000000000000000000000080', // order 4, other x
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', // order 8
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
];
// ... and the two with x = 0 and the sign bit set, which RFC 8032 §5.1.3 refuses to decode.
const ZERO_X_WITH_SIGN_BIT = [
  '0100000000000000000000000000000000000000000000000000000000000080',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
];

/** 32 little-endian bytes of y, with the x sign bit set if asked. */
function encode(y, xOdd = false) {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((y >> BigInt(8 * i)) & 0xffn);
  if (xOdd) out[31] |= 0x80;
  return out;
}

function refusedAs(text, words) {
  assert.throws(
    () => parsePublicKey(text),
    (e) => e instanceof TrustError && e.problem === 'MALFORMED' && e.message.includes(words),
    text,
  );
}

test('a normal key is accepted and keeps its spelling', () => {
  assert.equal(encodeBase64Url(parsePublicKey(CREATOR.pub)), CREATOR.pub);
  assert.equal(expectedKeyText(CREATOR.pub), CREATOR.pub);
  assert.equal(expectedKeyText(parsePublicKey(CREATOR.pub)), CREATOR.pub);
});

test('the small-order list is the whole 8-torsion subgroup, per noble', () => {
  // 8 distinct valid encodings of points noble finds small order: the subgroup has exactly 8, so none is missing.
  assert.equal(new Set(SMALL_ORDER_POINTS).size, 8);
  for (const h of SMALL_ORDER_POINTS) assert.ok(noble.Point.fromBytes(hex(h), false).isSmallOrder(), h);
  for (const h of ZERO_X_WITH_SIGN_BIT) assert.throws(() => noble.Point.fromBytes(hex(h), false), h);
  assert.equal(noble.Point.fromBytes(parsePublicKey(CREATOR.pub), false).isSmallOrder(), false);
});

test('every small-order encoding is refused, as text and as expected-key bytes', () => {
  for (const h of [...SMALL_ORDER_POINTS, ...ZERO_X_WITH_SIGN_BIT]) {
    refusedAs(encodeBase64Url(hex(h)), SMALL);
    assert.throws(
      () => expectedKeyText(hex(h)),
      (e) => e instanceof TypeError && e.message.includes(SMALL),
      h,
    );
  }
});

test('every y at or above p is refused, with either sign bit', () => {
  // p .. 2^255 - 1 are the 19 second spellings of 0 .. 18; y = p and p + 1 are the small-order 0 and 1.
  for (let extra = 0n; extra < 19n; extra++) {
    for (const xOdd of [false, true]) {
      const bytes = encode(P + extra, xOdd);
      refusedAs(encodeBase64Url(bytes), NON_CANONICAL);
      assert.throws(
        () => expectedKeyText(bytes),
        (e) => e instanceof TypeError && e.message.includes(NON_CANONICAL),
      );
      assert.throws(() => noble.Point.fromBytes(bytes, false)); // noble's strict decoding agrees
    }
  }
});

test('the largest canonical y is refused as the point of order 2, not as a spelling', () => {
  refusedAs(encodeBase64Url(encode(P - 1n)), SMALL);
});
