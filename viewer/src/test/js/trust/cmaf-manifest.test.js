// fMP4/CMAF renditions (§4.1, §4.3): an entry with an init section has a 97-byte leaf input that
// binds the init's hash and size, and a root lists its init sections in `inits`, each used by at
// least one window entry. Roots without `inits` are exactly the TS roots of before.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrustError, fromHex, leafInput, sha256, toHex, verifyManifest } from '../../../main/js/trust/index.js';
import { CREATOR, manifestBody, rebind, signText, utf8 } from './helpers.js';

const INIT_A = utf8('ftyp+moov of the first packager run');
const INIT_B = utf8('ftyp+moov of the second packager run, other codec parameters');

async function initItem(uri, bytes) {
  return { uri, sha256: toHex(await sha256(bytes)), size: bytes.length };
}

/** A genuinely signed fMP4 root: window of 4 (indices 5..8), the first two on init A, the rest on B. */
async function fmp4Body() {
  const body = await manifestBody(1, 9, 4, 0);
  body.inits = [
    await initItem('init-aaaaaaaaaaaaaaaa.mp4', INIT_A),
    await initItem('init-bbbbbbbbbbbbbbbb.mp4', INIT_B),
  ];
  body.window.forEach((e, i) => {
    e.uri = e.uri.replace('.ts', '.m4s');
    e.init = i < 2 ? body.inits[0].uri : body.inits[1].uri;
  });
  return rebind(body);
}

async function verdict(body) {
  try {
    await verifyManifest(await signText(body), { creator: CREATOR.pub });
    return 'OK';
  } catch (e) {
    if (e instanceof TrustError) return e.problem;
    throw e;
  }
}

test('an fMP4 leaf input is the 57 TS bytes with flag bit 1 set, then the init sha256 and size: 97 bytes', () => {
  const sha = 'ab'.repeat(32);
  const initSha = 'cd'.repeat(32);
  const ts = { index: 258, sha256: sha, size: 1000, durationUs: 2_000_000, discontinuity: true };
  const fmp4 = { ...ts, init: { uri: 'init-x.mp4', sha256: initSha, size: 0x010203 } };
  const tsInput = leafInput(ts);
  const input = leafInput(fmp4);
  assert.equal(tsInput.length, 57);
  assert.equal(tsInput[56], 1);
  assert.equal(input.length, 97);
  assert.deepEqual(input.slice(0, 56), tsInput.slice(0, 56));
  assert.equal(input[56], 1 | 2);
  assert.deepEqual(input.slice(57, 89), fromHex(initSha));
  assert.equal(toHex(input.slice(89, 97)), '0000000000010203');
  assert.equal(leafInput({ ...fmp4, discontinuity: false })[56], 2);
});

test('a signed fMP4 root verifies and each window entry carries the inits item it names', async () => {
  const body = await fmp4Body();
  const root = await verifyManifest(await signText(body), { creator: CREATOR.pub });
  assert.equal(root.inits.length, 2);
  assert.deepEqual(
    root.window.map((e) => e.init.uri),
    [
      'init-aaaaaaaaaaaaaaaa.mp4',
      'init-aaaaaaaaaaaaaaaa.mp4',
      'init-bbbbbbbbbbbbbbbb.mp4',
      'init-bbbbbbbbbbbbbbbb.mp4',
    ],
  );
  assert.equal(root.window[0].init.sha256, toHex(await sha256(INIT_A)));
  assert.equal(root.window[3].init.size, INIT_B.length);
});

test('a TS root has no inits and entries without init', async () => {
  const root = await verifyManifest(await signText(await manifestBody(1, 9, 3, 0)), { creator: CREATOR.pub });
  assert.deepEqual(root.inits, []);
  assert.ok(root.window.every((e) => e.init === null));
});

test('an init hash or size changed after the root was hashed is a ROOT_MISMATCH, even when re-signed', async () => {
  const hashChanged = await fmp4Body();
  hashChanged.inits[1].sha256 = toHex(await sha256(utf8('another init')));
  assert.equal(await verdict(hashChanged), 'ROOT_MISMATCH');
  const sizeChanged = await fmp4Body();
  sizeChanged.inits[0].size += 1;
  assert.equal(await verdict(sizeChanged), 'ROOT_MISMATCH');
});

test('an entry that drops its init (a TS leaf over fMP4 bytes) no longer hashes to the signed root', async () => {
  const body = await fmp4Body();
  delete body.window[3].init;
  body.window.slice(0, 3).forEach((e) => (e.init = body.inits[0].uri));
  body.inits = [body.inits[0]];
  assert.equal(await verdict(body), 'ROOT_MISMATCH');
});

test('inits that are empty, too many, duplicated, unused, oversized or carry unknown fields are MALFORMED', async () => {
  const cases = {
    empty: (b) => {
      b.inits = [];
      b.window.forEach((e) => delete e.init);
    },
    unused: (b) => b.inits.push({ uri: 'init-cccccccccccccccc.mp4', sha256: 'ee'.repeat(32), size: 9 }),
    duplicated: (b) => b.inits.push({ ...b.inits[0] }),
    tooMany: (b) => {
      for (let i = 0; i < 7; i++) b.inits.push({ uri: `init-${i}.mp4`, sha256: 'ee'.repeat(32), size: 9 });
    },
    zeroSize: (b) => (b.inits[0].size = 0),
    overOneMiB: (b) => (b.inits[0].size = 1024 * 1024 + 1),
    upperHex: (b) => (b.inits[0].sha256 = b.inits[0].sha256.toUpperCase()),
    badUri: (b) => (b.inits[0].uri = '../init.mp4'),
    unknownField: (b) => (b.inits[0].codec = 'avc1'),
    entryNamesUnlisted: (b) => (b.window[0].init = 'init-dddddddddddddddd.mp4'),
    entryInitNotString: (b) => (b.window[0].init = 7),
  };
  for (const [name, mutate] of Object.entries(cases)) {
    const body = await fmp4Body();
    mutate(body);
    assert.equal(await verdict(body), 'MALFORMED', name);
  }
});
