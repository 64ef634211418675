// The page's early requests: the announce, then the manifest of its first rendition; each body is
// handed over once, only within the caller's size limit, and a failure just means "fetch it yourself".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EarlyFetches } from '../../../main/js/player/early-fetches.js';

const PUB = 'A'.repeat(43);
const base = 'https://origin.example/';
const announceUrl = `${base}streams/${PUB}/show/announce.json`;
const manifestUrl = `${base}streams/${PUB}/show/360p/manifest.json`;

function serve(files) {
  const asked = [];
  globalThis.fetch = async (url) => {
    asked.push(url);
    const body = files[url];
    return body === undefined ? new Response('no', { status: 404 }) : new Response(body);
  };
  return asked;
}

/** What take() hands over, as bytes (null for nothing). */
const bytesOf = async (early, url, maxBytes) => (await early.take(url, maxBytes))?.bytes ?? null;

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

test('the announce, then its first rendition manifest, are fetched before anyone asks', async () => {
  const asked = serve({ [announceUrl]: JSON.stringify({ renditions: [{ name: '360p' }] }), [manifestUrl]: '{"m":1}' });
  const early = EarlyFetches.start({ pub: PUB, name: 'show', hint: base });
  await settle();
  assert.deepEqual(asked, [announceUrl, manifestUrl]);
  assert.equal(new TextDecoder().decode(await bytesOf(early, manifestUrl, 2 * 1024 * 1024)), '{"m":1}');
  assert.equal(
    await bytesOf(early, manifestUrl, 2 * 1024 * 1024),
    null,
    'handed over once: a later read wants a newer copy',
  );
  assert.equal(await bytesOf(early, announceUrl, 1024), null, 'fetched with a larger limit than this caller allows');
});

test('a rendition name that is not one never becomes a request; a failed fetch hands over nothing', async () => {
  const asked = serve({ [announceUrl]: JSON.stringify({ renditions: [{ name: '../../x' }] }) });
  const early = EarlyFetches.start({ pub: PUB, name: 'show', hint: base });
  await settle();
  assert.deepEqual(asked, [announceUrl]);
  serve({});
  const failed = EarlyFetches.start({ pub: PUB, name: 'show', hint: base });
  assert.equal(await bytesOf(failed, announceUrl, 256 * 1024), null);
  assert.ok(early);
});

test('bytes the page carries are taken without asking; what it lacks is still fetched', async () => {
  const announce = new TextEncoder().encode(JSON.stringify({ renditions: [{ name: '360p' }] }));
  const asked = serve({ [manifestUrl]: '{"m":2}' });
  const early = EarlyFetches.start({ pub: PUB, name: 'show', hint: base }, new Map([[announceUrl, announce]]));
  await settle();
  assert.deepEqual(asked, [manifestUrl], 'the carried announce named the manifest; only that was asked for');
  assert.deepEqual(await bytesOf(early, announceUrl, 256 * 1024), announce);
  assert.equal(new TextDecoder().decode(await bytesOf(early, manifestUrl, 2 * 1024 * 1024)), '{"m":2}');
});

test('carried bytes over the limit of what the page would have read are fetched instead', async () => {
  const carried = new Uint8Array(256 * 1024 + 1);
  const asked = serve({ [announceUrl]: JSON.stringify({ renditions: [] }) });
  EarlyFetches.start({ pub: PUB, name: 'show', hint: base }, new Map([[announceUrl, carried]]));
  await settle();
  assert.deepEqual(asked, [announceUrl]);
});

test("the files the page carries stand in for its own origin's, never for another hint's", async () => {
  const files = {
    [`streams/${PUB}/show/announce.json`]: Buffer.from(JSON.stringify({ renditions: [{ name: '360p' }] })).toString(
      'base64url',
    ),
    [`streams/${PUB}/show/360p/manifest.json`]: Buffer.from('{"m":1}').toString('base64url'),
  };
  const doc = {
    getElementById: (id) => (id === 'ownerless-first-bytes' ? { textContent: JSON.stringify(files) } : null),
  };
  const page = new URL(`${base}watch/${PUB}/show`);

  const asked = serve({});
  const early = EarlyFetches.forPage({ pub: PUB, name: 'show', hint: base }, page, doc);
  await settle();
  assert.deepEqual(asked, [], 'nothing asked for');
  assert.equal(new TextDecoder().decode(await bytesOf(early, manifestUrl, 2 * 1024 * 1024)), '{"m":1}');

  const elsewhere = serve({});
  EarlyFetches.forPage({ pub: PUB, name: 'show', hint: 'https://mirror.example/' }, page, doc);
  await settle();
  assert.deepEqual(elsewhere, [`https://mirror.example/streams/${PUB}/show/announce.json`]);
});
