// Turns at HTTP for segments at the live edge: one viewer fetches a new segment, the others wait for it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  httpTurn,
  TurnAlarm,
  httpFetchReasons,
  noteHttpFetch,
  notePeerDownloadCut,
} from '../../../main/js/player/http-turn.js';

const POLICY = { urgentSeconds: 1.5, tieBreakSeconds: 0.5, startupSeconds: 10 };
const LATER = 60; // seconds since the viewer started: well past start-up
const NOBODY = { someoneHas: () => false, someoneIsLoading: () => false };
const at = (position, rate = 1) => ({ position, rate });
const segment = (startTime) => ({ startTime });

test('without a policy the engine fetches at once, as it always did', () => {
  assert.deepEqual(httpTurn(undefined, segment(100), at(90), NOBODY, LATER, 0), { urgent: true, waitMs: 0 });
});

test('a viewer starting up fetches at once: its buffer comes first', () => {
  assert.deepEqual(
    httpTurn(POLICY, segment(13.5), at(10), NOBODY, 9.9, 0, () => 1),
    { urgent: true, waitMs: 0 },
  );
  assert.deepEqual(
    httpTurn(POLICY, segment(13.5), at(10), NOBODY, 10, 0, () => 1),
    { urgent: false, waitMs: 500 },
  );
});

test('a segment a peer already failed to deliver is fetched at once', () => {
  const failed = { someoneHas: () => true, someoneIsLoading: () => true, failedBefore: () => true };
  assert.deepEqual(httpTurn(POLICY, segment(13.5), at(10), failed, LATER, 0), { urgent: true, waitMs: 0 });
});

test('inside the urgent margin a viewer fetches at once, whoever has the segment', () => {
  const someone = { someoneHas: () => true, someoneIsLoading: () => true };
  for (const slack of [1.5, 1, 0, -3]) {
    assert.deepEqual(httpTurn(POLICY, segment(10 + slack), at(10), someone, LATER, 0), { urgent: true, waitMs: 0 });
  }
});

test("a viewer's turn comes at its own drawn moment within the tie-break after it first could fetch", () => {
  const s = segment(14);
  let calls = 0;
  const random = () => (++calls === 1 ? 0.5 : 0.9);
  // First look at t = 1000 ms: the turn is 250 ms later, whenever the engine looks again.
  assert.deepEqual(httpTurn(POLICY, s, at(10), NOBODY, LATER, 1000, random), { urgent: false, waitMs: 250 });
  assert.deepEqual(httpTurn(POLICY, s, at(10.1), NOBODY, LATER, 1100, random), { urgent: false, waitMs: 150 });
  assert.deepEqual(httpTurn(POLICY, s, at(10.3), NOBODY, LATER, 1250, random), { urgent: false, waitMs: 0 });
  assert.equal(calls, 1, 'one draw per segment');
  // Another segment draws anew, from its own first look.
  assert.equal(httpTurn(POLICY, segment(14), at(10), NOBODY, LATER, 5000, random).waitMs, 450);
});

test('a turn never comes later than the urgent moment', () => {
  // slack 1.7 s, urgent at 1.5 s: 200 ms left, though the draw says 500 ms.
  assert.deepEqual(
    httpTurn(POLICY, segment(11.7), at(10), NOBODY, LATER, 0, () => 0.99999),
    {
      urgent: false,
      waitMs: 200,
    },
  );
});

test('while a peer has the segment or is fetching it over HTTP, a viewer waits until it is urgent', () => {
  const loading = { someoneHas: () => false, someoneIsLoading: () => true };
  const has = { someoneHas: () => true, someoneIsLoading: () => true };
  for (const peers of [loading, has]) {
    // Even a viewer whose own turn would have come at once (draw 0).
    assert.deepEqual(
      httpTurn(POLICY, segment(13.5), at(10), peers, LATER, 0, () => 0),
      { urgent: false, waitMs: 2000 },
    );
  }
});

test('the slack is in wall seconds: faster playback reaches the segment sooner', () => {
  const has = { someoneHas: () => true, someoneIsLoading: () => true };
  const t = httpTurn(POLICY, segment(14), at(10, 2), has, LATER, 0); // 4 s of media at 2x = 2 s
  assert.deepEqual(t, { urgent: false, waitMs: 500 });
  // A paused or unknown rate counts as 1.
  assert.equal(httpTurn(POLICY, segment(14), at(10, 0), has, LATER, 0).waitMs, 2500);
});

test("the engine is woken at the earliest moment any wait ends, once, and never after it's cancelled", () => {
  const timers = new Map();
  let id = 0;
  let now = 0;
  const fake = {
    setTimeout: (fn, ms) => (timers.set(++id, { fn, at: now + ms }), id),
    clearTimeout: (t) => timers.delete(t),
  };
  let woken = 0;
  const alarm = new TurnAlarm(
    () => woken++,
    () => now,
    fake,
  );
  alarm.in(800);
  alarm.in(1200); // later: the 800 ms alarm stays
  assert.equal(timers.size, 1);
  assert.equal([...timers.values()][0].at, 800);
  alarm.in(300); // earlier: replaces it
  assert.equal(timers.size, 1);
  assert.equal([...timers.values()][0].at, 300);
  const [[key, first]] = [...timers.entries()];
  timers.delete(key);
  now = 300;
  first.fn();
  assert.equal(woken, 1);
  alarm.in(500); // after firing, a new wait sets a new alarm
  assert.equal(timers.size, 1);
  alarm.cancel();
  assert.equal(timers.size, 0);
  assert.equal(woken, 1);
});

test('each HTTP fetch is counted by why the engine started it', () => {
  const before = { ...httpFetchReasons };
  const has = { someoneHas: () => true, someoneIsLoading: () => true };
  const loading = { someoneHas: () => false, someoneIsLoading: () => true };
  noteHttpFetch(POLICY, segment(13.5), at(10), has, 3, 0); // starting up
  noteHttpFetch(POLICY, segment(11), at(10), has, LATER, 0); // urgent, a peer had it
  noteHttpFetch(POLICY, segment(11), at(10), loading, LATER, 0); // urgent, a peer was fetching it
  noteHttpFetch(POLICY, segment(11), at(10), NOBODY, LATER, 0); // urgent, nobody had it
  noteHttpFetch(undefined, segment(13.5), at(10), NOBODY, LATER, 0); // no policy: the engine's own way
  noteHttpFetch(POLICY, segment(13.5), at(10), NOBODY, LATER, 0); // on its turn
  const delta = Object.fromEntries(Object.entries(httpFetchReasons).map(([k, v]) => [k, v - before[k]]));
  assert.deepEqual(delta, { startup: 1, peerHad: 1, peerLoading: 1, urgentAlone: 2, turn: 1, cutPeerDownload: 0 });
  notePeerDownloadCut();
  assert.equal(httpFetchReasons.cutPeerDownload, before.cutPeerDownload + 1);
});
