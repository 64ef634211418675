// The page's early bytes (fetched as it loaded, or carried in it by the server that served it) stand
// in for the first request of a file. Carried ones that are refused make the origin be asked itself
// before it is passed over: the page may be an old copy cached on the way, not what the origin serves
// now. Fetched ones are the origin's own answer, and count against it as any answer does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EarlyFetches } from '../../../main/js/player/early-fetches.js';
import { EventBus, Events } from '../../../main/js/player/events.js';
import { Origins } from '../../../main/js/player/origins.js';
import { StreamAddress } from '../../../main/js/player/stream-address.js';
import { StreamTrust } from '../../../main/js/player/stream-trust.js';
import { CREATOR, announceBody, signText } from '../trust/helpers.js';

const A = 'https://a.example/';
const address = new StreamAddress(CREATOR.pub, 'demo');
const announceUrl = A + address.originPath('announce.json');
const bytes = (text) => new TextEncoder().encode(text);

async function signedAnnounce(mutate = () => {}) {
  const body = announceBody(1);
  body.issuedAtMs = Date.now() - 1000;
  body.expiresAtMs = Date.now() + 60_000;
  body.hints.origins = [];
  mutate(body);
  return signText(body);
}

function start(t, served, carried) {
  const asked = [];
  t.mock.method(globalThis, 'fetch', async (url) => {
    asked.push(url);
    return url in served ? new Response(served[url]) : new Response('gone', { status: 404 });
  });
  const bus = new EventBus();
  const refused = [];
  bus.on(Events.FILE_REFUSED, (r) => refused.push(r));
  const early = EarlyFetches.start({ pub: CREATOR.pub, name: 'demo', hint: A }, carried);
  const trust = new StreamTrust(address, new Origins(A, bus), bus, early);
  return { asked, refused, trust };
}

test('carried bytes that verify are taken: the announce is not asked for', async (t) => {
  const genuine = await signedAnnounce();
  const p = start(t, {}, new Map([[announceUrl, bytes(genuine)]]));
  const a = await p.trust.loadAnnounce();
  assert.equal(a.seq, 1);
  assert.ok(!p.asked.includes(announceUrl));
  assert.deepEqual(p.refused, []);
});

test('carried bytes that are refused are replaced by the origin’s own answer, and the origin is kept', async (t) => {
  const genuine = await signedAnnounce();
  const forged = genuine.replace('"demo"', '"dem0"');
  assert.notEqual(forged, genuine);
  const p = start(t, { [announceUrl]: genuine }, new Map([[announceUrl, bytes(forged)]]));
  const a = await p.trust.loadAnnounce();
  assert.equal(a.name, 'demo');
  assert.deepEqual(
    p.asked.filter((u) => u === announceUrl),
    [announceUrl],
    'asked once, after the carried copy was refused',
  );
  assert.deepEqual(p.refused, [], 'the origin served nothing wrong');
});

test('an origin whose own answer is refused too is passed over as before', async (t) => {
  const genuine = await signedAnnounce();
  const forged = genuine.replace('"demo"', '"dem0"');
  const p = start(t, { [announceUrl]: forged }, new Map([[announceUrl, bytes(forged)]]));
  await assert.rejects(p.trust.loadAnnounce());
  assert.equal(p.refused.length, 1);
});

test('early bytes the origin itself answered, refused, count against it: it is not asked again', async (t) => {
  const genuine = await signedAnnounce();
  const forged = genuine.replace('"demo"', '"dem0"');
  const p = start(t, { [announceUrl]: forged }, new Map());
  await assert.rejects(p.trust.loadAnnounce());
  assert.deepEqual(
    p.asked.filter((u) => u === announceUrl),
    [announceUrl],
    'one request: the early fetch',
  );
  assert.equal(p.refused.length, 1);
});
