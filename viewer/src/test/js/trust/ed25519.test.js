// Both Ed25519 backends against RFC 8032 §7.1 tests 1–3, every single-bit flip, the S+L
// malleability case and wrong lengths (the Java Ed25519Rfc8032Test cases, and a few more).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as noble from '@noble/ed25519';
import {
  ed25519Backend,
  isCanonicalS,
  verifyEd25519,
  verifyEd25519Noble,
  verifyEd25519WebCrypto,
} from '../../../main/js/trust/index.js';
import { hex } from './helpers.js';

const RFC8032 = [
  {
    test: 1,
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    pub: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    msg: '',
    sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    test: 2,
    seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    pub: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    msg: '72',
    sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    test: 3,
    seed: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    pub: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    msg: 'af82',
    sig: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

const BACKENDS = { webcrypto: verifyEd25519WebCrypto, noble: verifyEd25519Noble, default: verifyEd25519 };
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

function leToBig(bytes) {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]);
  return n;
}
function bigToLe(n, len) {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

test('the default backend is WebCrypto on Node 20, and withBackend pins each one', async () => {
  assert.equal(await ed25519Backend(), 'webcrypto');
  assert.equal(verifyEd25519.withBackend('noble'), verifyEd25519Noble);
  assert.equal(verifyEd25519.withBackend('webcrypto'), verifyEd25519WebCrypto);
  assert.throws(() => verifyEd25519.withBackend('openssl'), TypeError);
});

for (const [name, verify] of Object.entries(BACKENDS)) {
  test(`${name}: RFC 8032 §7.1 tests 1-3 verify; the seed derives the key and the signature`, async () => {
    for (const v of RFC8032) {
      assert.equal(await verify(hex(v.pub), hex(v.msg), hex(v.sig)), true, `test ${v.test}`);
      // Sanity of the vectors themselves through an independent path (noble signing).
      assert.equal(Buffer.from(await noble.getPublicKeyAsync(hex(v.seed))).toString('hex'), v.pub);
      assert.equal(Buffer.from(await noble.signAsync(hex(v.msg), hex(v.seed))).toString('hex'), v.sig);
      // Wrong message / wrong key.
      assert.equal(await verify(hex(v.pub), hex(v.msg + '00'), hex(v.sig)), false, `test ${v.test} longer message`);
      const other = RFC8032[v.test % 3];
      assert.equal(await verify(hex(other.pub), hex(v.msg), hex(v.sig)), false, `test ${v.test} other key`);
    }
  });

  test(`${name}: any single flipped bit of signature or message fails (RFC test 2)`, async () => {
    const v = RFC8032[1];
    const pub = hex(v.pub);
    const msg = hex(v.msg);
    const sig = hex(v.sig);
    for (let bit = 0; bit < sig.length * 8; bit++) {
      const bad = Uint8Array.from(sig);
      bad[bit >> 3] ^= 1 << (bit & 7);
      assert.equal(await verify(pub, msg, bad), false, `signature bit ${bit}`);
    }
    for (let bit = 0; bit < msg.length * 8; bit++) {
      const bad = Uint8Array.from(msg);
      bad[bit >> 3] ^= 1 << (bit & 7);
      assert.equal(await verify(pub, bad, sig), false, `message bit ${bit}`);
    }
  });

  test(`${name}: S + L (malleability) and S = L are refused, S = L - 1 passes the range check`, async () => {
    const v = RFC8032[0];
    const sig = hex(v.sig);
    const s = leToBig(sig.subarray(32));
    assert.ok(s < L);
    const malleated = Uint8Array.from(sig);
    malleated.set(bigToLe(s + L, 32), 32);
    assert.equal(isCanonicalS(sig), true);
    assert.equal(isCanonicalS(malleated), false);
    assert.equal(await verify(hex(v.pub), hex(v.msg), sig), true);
    assert.equal(await verify(hex(v.pub), hex(v.msg), malleated), false);
    const sEqualsL = Uint8Array.from(sig);
    sEqualsL.set(bigToLe(L, 32), 32);
    assert.equal(isCanonicalS(sEqualsL), false);
    const below = Uint8Array.from(sig);
    below.set(bigToLe(L - 1n, 32), 32);
    assert.equal(isCanonicalS(below), true);
    assert.equal(await verify(hex(v.pub), hex(v.msg), below), false); // in range, but not a signature
  });

  test(`${name}: wrong lengths and non-bytes answer false`, async () => {
    const v = RFC8032[2];
    const pub = hex(v.pub);
    const sig = hex(v.sig);
    assert.equal(await verify(pub.subarray(0, 31), hex(v.msg), sig), false);
    assert.equal(await verify(new Uint8Array([...pub, 0]), hex(v.msg), sig), false);
    assert.equal(await verify(pub, hex(v.msg), sig.subarray(0, 63)), false);
    assert.equal(await verify(pub, hex(v.msg), new Uint8Array([...sig, 0])), false);
    assert.equal(await verify(pub, hex(v.msg), new Uint8Array(64)), false);
    assert.equal(await verify(new Uint8Array(32), hex(v.msg), sig), false); // not a usable point
    // ArrayBuffer and offset views are accepted
    const padded = new Uint8Array(100);
    padded.set(sig, 7);
    assert.equal(await verify(pub.slice().buffer, hex(v.msg), padded.subarray(7, 71)), true);
  });
}
