// An origin whose genuine root (or announce) is older than the one this viewer holds is behind: a
// mirror that has not caught up, or one replaying an old state. The viewer keeps what it holds, reads
// the next origin, and reports the first as STALE — an origin that only costs time — never as a
// forgery (a ROLLBACK would make a relay one segment behind a lost node count as distrusted).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventBus, Events } from '../../../main/js/player/events.js';
import { Origins } from '../../../main/js/player/origins.js';
import { StreamTrust } from '../../../main/js/player/stream-trust.js';
import { Verdict } from '../../../main/js/player/trust-verdict.js';
import { CREATOR, announceBody, manifestBody, signText } from '../trust/helpers.js';
import { address, rootWithParts } from './parts-stream.js';

const A = 'https://a.example/';
const B = 'https://b.example/';

/** A signed announce of `seq`, live for another minute, listing origin B. */
async function announceOf(seq) {
  const announce = announceBody(seq);
  announce.issuedAtMs = Date.now() - 1000;
  announce.expiresAtMs = Date.now() + 60_000;
  announce.hints.origins = [B];
  return signText(announce);
}

/**
 * Origins A (the hint) and B (in the announce), each serving `served[origin]` as src/manifest.json
 * and `announces[origin]` (seq 1 at first) as announce.json.
 */
async function twoOrigins(t) {
  const first = await announceOf(1);
  const announces = { [A]: first, [B]: first };
  const served = { [A]: null, [B]: null };
  t.mock.method(globalThis, 'fetch', async (url) => {
    const base = url.startsWith(A) ? A : B;
    if (url.endsWith('/announce.json')) return new Response(announces[base]);
    if (url.split('?')[0].endsWith('/src/manifest.json')) return new Response(served[base]);
    return new Response('gone', { status: 404 });
  });
  const bus = new EventBus();
  const refused = [];
  bus.on(Events.FILE_REFUSED, (r) => refused.push(r));
  const origins = new Origins(A, bus);
  const trust = new StreamTrust(address, origins, bus);
  await trust.loadAnnounce();
  return { announces, served, refused, origins, trust };
}

test('an origin serving an older genuine root is passed over as STALE, and the next origin read', async (t) => {
  const s = await twoOrigins(t);
  s.served[A] = await rootWithParts(4, 0);
  s.served[B] = await rootWithParts(4, 0);
  assert.equal((await s.trust.refreshManifest('src')).treeSize, 4);

  s.served[A] = await rootWithParts(3, 0);
  s.served[B] = await rootWithParts(5, 0);
  assert.equal((await s.trust.refreshManifest('src')).treeSize, 5);
  assert.equal(s.refused.length, 1);
  const [r] = s.refused;
  assert.equal(r.origin, A);
  assert.equal(r.problem, 'STALE');
  assert.equal(r.verdict, Verdict.ORIGIN_UNAVAILABLE);
  assert.match(r.message, /behind: root 1-3, this viewer holds 1-4/);
  assert.equal(s.origins.base, B);
});

test('with every origin behind, the refresh fails as STALE and the root held stays', async (t) => {
  const s = await twoOrigins(t);
  s.served[A] = await rootWithParts(5, 0);
  await s.trust.refreshManifest('src');
  s.served[A] = await rootWithParts(3, 0);
  s.served[B] = await rootWithParts(4, 0);
  await assert.rejects(s.trust.refreshManifest('src'), (e) => e.problem === 'STALE');
  assert.deepEqual(
    s.refused.map((r) => [r.origin, r.problem]),
    [
      [A, 'STALE'],
      [B, 'STALE'],
    ],
  );
  assert.equal(s.trust.rendition('src').tracker.last.treeSize, 5);
});

test('a root of the size held is never behind: more parts are taken, other content is equivocation', async (t) => {
  const s = await twoOrigins(t);
  s.served[A] = await rootWithParts(4, 0);
  await s.trust.refreshManifest('src');
  s.served[A] = await rootWithParts(4, 2); // parts of segment 4 the held root did not list yet
  assert.equal((await s.trust.refreshManifest('src')).parts.length, 2);
  assert.deepEqual(s.refused, []);

  const fork = await manifestBody(1, 4, 3, 3, CREATOR, null, 2);
  fork.timeMs = Date.now();
  s.served[A] = await signText(fork);
  s.served[B] = await rootWithParts(4, 2);
  await s.trust.refreshManifest('src');
  assert.deepEqual(
    s.refused.map((r) => [r.origin, r.problem]),
    [[A, 'EQUIVOCATION']],
  );
});

test('an origin serving an older genuine announce is passed over as STALE, the newer one kept', async (t) => {
  const s = await twoOrigins(t);
  s.announces[A] = await announceOf(3);
  s.announces[B] = await announceOf(3);
  assert.equal((await s.trust.loadAnnounce()).seq, 3);

  s.announces[A] = await announceOf(2); // a mirror that has not caught up
  s.announces[B] = await announceOf(4);
  assert.equal((await s.trust.loadAnnounce()).seq, 4);
  assert.deepEqual(
    s.refused.map((r) => [r.origin, r.problem, r.verdict]),
    [[A, 'STALE', Verdict.ORIGIN_UNAVAILABLE]],
  );
  assert.match(s.refused[0].message, /behind: announce seq 2, this viewer holds seq 3/);

  s.announces[B] = await announceOf(2);
  await assert.rejects(s.trust.loadAnnounce(), (e) => e.problem === 'STALE');
  assert.equal(s.trust.announceTracker.current.seq, 4);
});
