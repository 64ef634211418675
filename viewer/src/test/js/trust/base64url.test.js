import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrustError, decodeBase64Url, encodeBase64Url, parsePublicKey } from '../../../main/js/trust/index.js';
import { CREATOR } from './helpers.js';

const refused = (fn) => assert.throws(fn, (e) => e instanceof TrustError && e.problem === 'MALFORMED');

test('round trip for every length 0..70 and agreement with Buffer base64url', () => {
  for (let n = 0; n <= 70; n++) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n * 11) & 0xff);
    const text = encodeBase64Url(bytes);
    assert.equal(text, Buffer.from(bytes).toString('base64url'));
    assert.deepEqual(decodeBase64Url(text), bytes);
    assert.deepEqual(decodeBase64Url(text, n), bytes);
  }
});

test('padding, whitespace, standard alphabet, non-ASCII and wrong lengths are refused', () => {
  const key = CREATOR.pub;
  assert.equal(parsePublicKey(key).length, 32);
  refused(() => decodeBase64Url(key + '=', 32));
  refused(() => decodeBase64Url('AAA=', 2));
  refused(() => decodeBase64Url('AAA='));
  refused(() => decodeBase64Url(key.slice(0, 42) + ' ', 32));
  refused(() => decodeBase64Url(key.slice(0, 42) + '+', 32));
  refused(() => decodeBase64Url(key.slice(0, 42) + '/', 32));
  refused(() => decodeBase64Url(key.slice(0, 42) + 'é', 32));
  refused(() => decodeBase64Url(key.slice(0, 42), 32));
  refused(() => decodeBase64Url(key + 'A', 32));
  refused(() => decodeBase64Url('A')); // no valid encoding has length ≡ 1 (mod 4)
  refused(() => decodeBase64Url(42));
});

test('non-zero unused trailing bits are refused (one spelling per value)', () => {
  // 32 bytes → 43 chars: the last char carries 2 unused bits.
  const canonical = encodeBase64Url(new Uint8Array(32)); // ends in 'A'
  assert.deepEqual(decodeBase64Url(canonical, 32), new Uint8Array(32));
  for (const c of 'BCD') refused(() => decodeBase64Url(canonical.slice(0, 42) + c, 32));
  assert.equal(decodeBase64Url(canonical.slice(0, 42) + 'E', 32)[31], 1); // 'E' = 000100: only used bits
  // 64 bytes → 86 chars: the last char carries 4 unused bits.
  const sig = encodeBase64Url(new Uint8Array(64));
  for (const c of 'BCDEFGHIJKLMNOP') refused(() => decodeBase64Url(sig.slice(0, 85) + c, 64));
  assert.equal(decodeBase64Url(sig.slice(0, 85) + 'Q', 64)[63], 1);
});
