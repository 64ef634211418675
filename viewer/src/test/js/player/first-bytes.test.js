// What the page takes from the files its server put into it (app FirstBytes.java): exactly the stream
// files it would have fetched, under its own origin, decoded byte for byte; anything else is ignored.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIRST_BYTES_ID, firstBytesOf } from '../../../main/js/player/first-bytes.js';
import { encodeBase64Url } from '../../../main/js/trust/base64url.js';

const PUB = 'A'.repeat(43);
const base = 'https://node.example/';
const announcePath = `streams/${PUB}/show/announce.json`;
const manifestPath = `streams/${PUB}/show/src/manifest.json`;

function page(text) {
  return { getElementById: (id) => (id === FIRST_BYTES_ID && text !== undefined ? { textContent: text } : null) };
}

const b64 = (text) => encodeBase64Url(new TextEncoder().encode(text));

test('the announce and manifest the page carries, under its origin, byte for byte', () => {
  const bytes = new Uint8Array([0, 255, 60, 47, 115, 99, 114, 105, 112, 116, 62]);
  const given = firstBytesOf(
    page(JSON.stringify({ [announcePath]: b64('{"a":1}'), [manifestPath]: encodeBase64Url(bytes) })),
    base,
  );
  assert.deepEqual([...given.keys()], [base + announcePath, base + manifestPath]);
  assert.equal(new TextDecoder().decode(given.get(base + announcePath)), '{"a":1}');
  assert.deepEqual(given.get(base + manifestPath), bytes);
});

test('paths that are not a stream file the page reads first are ignored', () => {
  const given = firstBytesOf(
    page(
      JSON.stringify({
        [announcePath]: b64('{}'),
        'streams/../../etc/passwd.json': b64('x'),
        [`streams/${PUB}/show/src/seg-1.ts`]: b64('x'),
        'https://elsewhere.example/announce.json': b64('x'),
      }),
    ),
    base,
  );
  assert.deepEqual([...given.keys()], [base + announcePath]);
});

test('no element, a malformed one, bad base64url or an oversized one: nothing is taken', () => {
  assert.equal(firstBytesOf(page(undefined), base).size, 0);
  assert.equal(firstBytesOf(undefined, base).size, 0);
  assert.equal(firstBytesOf(page('{not json'), base).size, 0);
  assert.equal(firstBytesOf(page('null'), base).size, 0);
  assert.equal(firstBytesOf(page(JSON.stringify({ [announcePath]: 'a+b/' })), base).size, 0);
  assert.equal(firstBytesOf(page(JSON.stringify({ [announcePath]: 42 })), base).size, 0);
  const huge = JSON.stringify({ [announcePath]: 'A'.repeat(256 * 1024) });
  assert.equal(firstBytesOf(page(huge), base).size, 0);
  assert.equal(firstBytesOf(page(JSON.stringify({ [announcePath]: b64('{}') })), null).size, 0);
});
