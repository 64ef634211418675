// A page served over plain http (not localhost) has no crypto.subtle. This file runs in its own
// process (node --test isolates files), hides WebCrypto before loading the library, and checks that
// signatures and hashes still verify, through @noble, against the shared vectors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

Object.defineProperty(globalThis, 'crypto', { value: {}, configurable: true, writable: true });

const lib = await import('../../../main/js/trust/index.js');
const vectors = JSON.parse(readFileSync(new URL('../../../../../docs/test-vectors/protocol.json', import.meta.url)));

test('without WebCrypto the default Ed25519 backend is noble', async () => {
  assert.equal(globalThis.crypto.subtle, undefined);
  assert.equal(await lib.ed25519Backend(), 'noble');
});

test('without WebCrypto SHA-256 still matches the known digest of "abc"', async () => {
  const d = await lib.sha256(new TextEncoder().encode('abc'));
  assert.equal(lib.toHex(d), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('without WebCrypto every announce vector gets its expected verdict', async () => {
  assert.ok(vectors.announces.length > 0, 'announce vectors present');
  for (const c of vectors.announces) {
    let verdict = 'OK';
    try {
      await lib.verifyAnnounce(c.json, c.pinnedKey ?? null, vectors.nowMs);
    } catch (e) {
      verdict = e.problem ?? String(e);
    }
    assert.equal(verdict, c.expect, c.name);
  }
});
