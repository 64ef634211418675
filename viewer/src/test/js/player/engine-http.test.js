// The engine's HTTP tries: each is bounded by the signed entry, and any failed try moves the next
// one to the next origin of the signed announce; a peer's declared size is held to the signed one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EngineHttp } from '../../../main/js/player/engine-http.js';
import { EventBus } from '../../../main/js/player/events.js';
import { Origins } from '../../../main/js/player/origins.js';
import { boundPeerSegmentSize } from '../../../../tools/engine-patches.mjs';

const HINT = 'https://hint.example/';
const GOOD = 'https://good.example/';
const SEG = 'https://stream.ownerless.invalid/PUB/live/src/seg-1-000003.ts';
const ENTRY = { size: 25_000, durationUs: 2_000_000 };

function engineHttp({ entry = ENTRY, valid = true } = {}) {
  const origins = new Origins(HINT, new EventBus());
  origins.add(GOOD);
  const session = {
    origins,
    originUrlFor: () => ({ base: origins.base, url: `${origins.base}streams/PUB/live/src/seg-1-000003.ts` }),
  };
  const verifier = { signedEntry: async () => entry, verify: async () => valid };
  return { http: new EngineHttp(session, verifier), origins };
}

test('a failed try of any kind sends the next try to the next origin, and back once all failed', async () => {
  const { http } = engineHttp();
  const first = await http.requestSetup(SEG, undefined, new AbortController().signal, undefined);
  assert.ok(first.url.startsWith(HINT));
  http.failed({
    segment: { url: SEG },
    error: { type: 'http-error', message: 'Service Unavailable' },
    downloadSource: 'http',
  });
  const second = await http.requestSetup(SEG, undefined, new AbortController().signal, undefined);
  assert.ok(second.url.startsWith(GOOD));
  http.failed({ segment: { url: SEG }, error: { type: 'bytes-receiving-timeout' }, downloadSource: 'http' });
  const third = await http.requestSetup(SEG, undefined, new AbortController().signal, { start: 100 });
  assert.ok(third.url.startsWith(HINT), 'every origin is tried again');
  assert.equal(third.headers.get('Range'), null, 'a whole segment: bytes of two origins never mix');
});

test('a peer failure does not count against an origin', async () => {
  const { http, origins } = engineHttp();
  await http.requestSetup(SEG, undefined, new AbortController().signal, undefined);
  http.failed({ segment: { url: SEG }, error: { type: 'peer-segment-absent' }, downloadSource: 'p2p' });
  assert.equal(origins.base, HINT);
});

test('a complete but wrong body marks its origin bad, as before', async () => {
  const { http, origins } = engineHttp({ valid: false });
  await http.requestSetup(SEG, undefined, new AbortController().signal, undefined);
  assert.equal(await http.validate(SEG, undefined, new ArrayBuffer(3)), false);
  assert.equal(origins.base, GOOD);
});

test('nothing is fetched for a segment nobody signed', async () => {
  const { http } = engineHttp({ entry: null });
  await assert.rejects(http.requestSetup(SEG, undefined, new AbortController().signal, undefined), /no signed entry/);
});

test('the installed engine takes the peer patch once, and a changed engine fails the build', () => {
  const url = new URL('../../../../node_modules/p2p-media-loader-core/lib/p2p/peer.js', import.meta.url);
  const patched = boundPeerSegmentSize(readFileSync(url, 'utf8'));
  assert.match(patched, /signedSize\?\.\(request\.segment\.url\)/);
  assert.throws(() => boundPeerSegmentSize('export class Peer {}'), /re-check tools\/engine-patches\.mjs/);
});
