// The player's parts on one bus, as Viewer wires them, fed by a stubbed fetch: what a refusal does
// to the state, the stats and the event log, from the first fetch to the page's view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventBus, Events } from '../../../main/js/player/events.js';
import { EventLog } from '../../../main/js/player/event-log.js';
import { Origins } from '../../../main/js/player/origins.js';
import { PlaybackState } from '../../../main/js/player/playback-state.js';
import { SegmentVerifier } from '../../../main/js/player/segment-verifier.js';
import { Stats } from '../../../main/js/player/stats.js';
import { StreamAddress } from '../../../main/js/player/stream-address.js';
import { StreamTrust } from '../../../main/js/player/stream-trust.js';
import { Verdict } from '../../../main/js/player/trust-verdict.js';
import { CREATOR, announceBody, fixtureEntry, segmentBytes, signText } from '../trust/helpers.js';

const EVIL = 'https://evil.example/';
const GOOD = 'https://good.example/';
const DOWN = 'https://down.example/';
const address = new StreamAddress(CREATOR.pub, 'demo');
const announceText = await signText(announceBody(1));
// Same length, one signed character changed: the signature no longer holds.
const alteredText = announceText.replace('tips@example.com', 'tipz@example.com');

/** The parts Viewer wires, on one bus, with `served(base)` as every origin's announce.json. */
function player(t, hint, served) {
  t.mock.method(globalThis, 'fetch', async (url) => {
    const body = served(url.slice(0, url.indexOf('streams/')));
    return body === null ? new Response('gone', { status: 404 }) : new Response(body);
  });
  const bus = new EventBus();
  const heard = { refused: [], originChanges: [] };
  bus.on(Events.FILE_REFUSED, (e) => heard.refused.push(e));
  bus.on(Events.ORIGIN_CHANGED, (e) => heard.originChanges.push(`${e.from} → ${e.to}`));
  const stats = new Stats(bus);
  const eventLog = new EventLog(bus);
  const state = new PlaybackState(bus);
  const origins = new Origins(hint, bus);
  const trust = new StreamTrust(address, origins, bus);
  return { bus, heard, stats, eventLog, state, origins, trust };
}

/** What Viewer.start does with the announce. */
async function start(p) {
  try {
    return await p.trust.loadAnnounce();
  } catch (e) {
    p.state.announceFailed(e);
    return null;
  }
}

test('an announce the only origin altered: refused as a signed object, the stream untrusted', async (t) => {
  assert.notEqual(alteredText, announceText);
  const p = player(t, EVIL, () => alteredText);
  assert.equal(await start(p), null);
  assert.equal(p.heard.refused.length, 1);
  const r = p.heard.refused[0];
  assert.deepEqual(
    { kind: r.kind, file: r.file, origin: r.origin, source: r.source, problem: r.problem, verdict: r.verdict },
    {
      kind: 'announce',
      file: 'announce.json',
      origin: EVIL,
      source: 'http',
      problem: 'BAD_SIGNATURE',
      verdict: Verdict.SIGNED_OBJECT_REFUSED,
    },
  );
  const s = p.stats.snapshot();
  assert.equal(s.state, 'untrusted');
  assert.match(s.message, /^announce\.json from https:\/\/evil\.example\/: /);
  assert.equal(s.rejectedSegments, 0, 'an announce is not a segment');
  assert.match(JSON.stringify(p.eventLog.list()), /BAD_SIGNATURE/);
});

test('an origin that is down: UNAVAILABLE, failed and not untrusted', async (t) => {
  const p = player(t, DOWN, () => null);
  await start(p);
  assert.equal(p.heard.refused[0].problem, 'UNAVAILABLE');
  assert.equal(p.heard.refused[0].verdict, Verdict.ORIGIN_UNAVAILABLE);
  assert.equal(p.stats.snapshot().state, 'failed');
  assert.equal(p.stats.snapshot().message, `announce.json from ${DOWN}: HTTP 404`);
  assert.deepEqual(
    p.eventLog.list().map((e) => e.text),
    [`announce.json from ${DOWN}: UNAVAILABLE HTTP 404`, `${DOWN} → ${DOWN}: UNAVAILABLE: HTTP 404`],
  );
});

test('a forged announce at the hint is passed over for the next origin; if playback later dies, untrusted', async (t) => {
  const p = player(t, EVIL, (base) => (base === EVIL ? alteredText : announceText));
  p.origins.add(GOOD);
  const announce = await start(p);
  assert.equal(announce.name, 'demo');
  assert.deepEqual(p.heard.originChanges, [`${EVIL} → ${GOOD}`]);
  assert.equal(p.origins.base, GOOD);
  assert.equal(p.stats.snapshot().state, 'loading', 'a refusal alone changes nothing the viewer sees');
  // The origins of the signed announce come after the hint and the one added by hand.
  assert.deepEqual(p.origins.list, [EVIL, GOOD, 'https://origin.example/', 'https://relay.example/']);
  assert.equal(p.state.playerFailed('networkError: manifestLoadError'), true);
  assert.equal(p.stats.snapshot().state, 'untrusted');
  assert.match(p.stats.snapshot().message, /^announce\.json from https:\/\/evil\.example\/: BAD_SIGNATURE /);
});

test('a segment a peer altered is counted and listed, and never makes the stream untrusted', async (t) => {
  const p = player(t, GOOD, () => announceText);
  await start(p);
  const entry = await fixtureEntry(3);
  const verifier = new SegmentVerifier(address, { entryWithin: async () => entry }, p.bus);
  const url = address.segmentUrl('src', entry.uri, 1);
  const altered = segmentBytes(3).slice();
  altered[0] ^= 1;
  assert.equal(await verifier.verify(url, altered.buffer, 'p2p'), false);
  assert.equal(await verifier.verify(url, segmentBytes(3).buffer, 'p2p'), true);
  assert.equal(await verifier.verify(url, segmentBytes(3).buffer, 'player'), true);
  const s = p.stats.snapshot();
  assert.equal(s.rejectedSegments, 1);
  assert.equal(s.verifiedSegments, 1);
  assert.deepEqual(
    s.rejections.map((r) => `${r.source} ${r.problem}`),
    ['p2p SEGMENT_MISMATCH'],
  );
  assert.equal(p.heard.refused.at(-1).verdict, Verdict.SEGMENT_REFUSED);
  assert.deepEqual(p.eventLog.list(), [], 'segment refusals are not in the events log');
  p.state.playerFailed('mediaError: bufferAppendError');
  assert.equal(p.stats.snapshot().state, 'failed');
});

test('a segment no signed manifest covers is refused as NOT_COVERED', async (t) => {
  const p = player(t, GOOD, () => announceText);
  const verifier = new SegmentVerifier(address, { entryWithin: async () => null }, p.bus);
  assert.equal(await verifier.verify(address.segmentUrl('src', 'x.ts', 1), new ArrayBuffer(4), 'http'), false);
  assert.equal(await verifier.verify('https://elsewhere.example/x.ts', new ArrayBuffer(4), 'player'), false);
  assert.deepEqual(
    p.stats.snapshot().rejections.map((r) => `${r.source} ${r.problem} ${r.message}`),
    ['http NOT_COVERED no signed entry for this segment', 'player NOT_COVERED not a segment of this stream'],
  );
});
