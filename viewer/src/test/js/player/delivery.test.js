import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LATENCY_MODES, liveDistances, coreConfig, playsParts } from '../../../main/js/player/delivery.js';

const near = (a, b) => Math.abs(a - b) < 0.011;

test('a viewer sits at its place along the mode spread, in seconds of media', () => {
  for (const mode of Object.keys(LATENCY_MODES)) {
    const m = LATENCY_MODES[mode];
    const at = (place) => liveDistances(mode, 0.5, place).liveSyncDuration;
    assert.ok(near(at(0), m.syncSeconds), mode);
    assert.ok(near(at(1), m.syncSeconds + m.spreadSeconds), mode);
    assert.ok(near(at(0.5), m.syncSeconds + Math.pow(0.5, m.skew) * m.spreadSeconds), mode);
    // Nonsense places fall back to the middle or are clamped, never beyond the spread.
    assert.equal(at(NaN), at(0.5));
    assert.equal(at(7), at(1));
    assert.equal(at(-3), at(0));
  }
});

test('normal keeps the front of its spread sparse: few viewers near the edge, each well ahead of the rest', () => {
  const m = LATENCY_MODES.normal;
  const front = m.syncSeconds + m.spreadSeconds / 5;
  // A uniform draw would put a fifth of the viewers in the front fifth; the skew puts 1/25 there.
  assert.ok(liveDistances('normal', 1, 0.039).liveSyncDuration < front);
  assert.ok(liveDistances('normal', 1, 0.041).liveSyncDuration > front);
  const median = liveDistances('normal', 1, 0.5).liveSyncDuration;
  // The typical viewer stays well inside normal's 10 s target, leaving room for hls.js's stall allowance.
  assert.ok(median > m.syncSeconds + m.spreadSeconds / 2 && median < 8.5, `median distance ${median}`);
});

test('low keeps viewers nearer the edge than normal', () => {
  for (const place of [0, 0.5, 1]) {
    assert.ok(liveDistances('low', 1, place).liveSyncDuration < liveDistances('normal', 1, place).liveSyncDuration);
  }
});

test('long segments push the distance out: hls.js cannot play inside the newest segment', () => {
  const d = liveDistances('low', 4, 0);
  assert.equal(d.liveSyncDuration, 4 * LATENCY_MODES.low.minSyncSegments);
  assert.ok(d.liveMaxLatencyDuration >= d.liveSyncDuration + 8);
  assert.ok(d.httpSeconds >= 4);
  assert.ok(d.p2pSeconds >= d.liveSyncDuration + 4);
});

test('every viewer has time to take a new segment from a peer before it must fetch it itself', () => {
  // A segment's start is (sync - 1 s) ahead of the playhead when it appears; a viewer goes to HTTP for it
  // regardless only once it is within urgentSeconds. Until then its turn (or a peer) decides.
  const beforeUrgent = (mode, d) => d.liveSyncDuration - 1 - LATENCY_MODES[mode].urgentSeconds;
  for (const place of [0, 0.25, 0.5, 0.75, 1]) {
    assert.ok(beforeUrgent('normal', liveDistances('normal', 1, place)) >= 0.99, `normal at ${place}`);
  }
  for (const place of [0.5, 0.75, 1]) {
    assert.ok(beforeUrgent('low', liveDistances('low', 1, place)) >= 0.69, `low at ${place}`);
  }
  for (const mode of Object.keys(LATENCY_MODES)) {
    for (const place of [0, 0.5, 1]) {
      const d = liveDistances(mode, 1, place);
      assert.ok(d.p2pSeconds >= d.liveSyncDuration + 1, `${mode} at ${place}: the P2P window reaches the edge`);
      assert.ok(d.liveMaxLatencyDuration > d.liveSyncDuration, `${mode} at ${place}`);
      const m = LATENCY_MODES[mode];
      assert.deepEqual(d.httpTurn, {
        urgentSeconds: m.urgentSeconds,
        tieBreakSeconds: m.tieBreakSeconds,
        startupSeconds: 10,
      });
      // The high-demand window holds the tie-break and leaves time after it before the urgent margin.
      assert.equal(d.httpSeconds, m.httpSeconds);
      assert.ok(d.httpSeconds - m.tieBreakSeconds - m.urgentSeconds >= 0.5, `${mode}: time for a peer transfer`);
    }
  }
});

test('the engine gets the windows and the signed trackers', () => {
  const d = liveDistances('normal', 1, 0.3);
  const c = coreConfig({
    address: { pub: 'PUB', name: 'live' },
    announce: { trackers: ['wss://a/announce', 'wss://b/announce', 'wss://c/', 'wss://d/', 'wss://e/'] },
    session: {},
    verifier: {},
    distances: d,
  });
  assert.equal(c.swarmId, 'ownerless-v1:PUB/live');
  assert.deepEqual(c.announceTrackers, ['wss://a/announce', 'wss://b/announce', 'wss://c/', 'wss://d/']);
  // No random HTTP seeding beyond the high-demand window: only a viewer about to play a segment that
  // no peer gave it fetches it over HTTP, on its turn; the turn policy travels on the HTTP validator.
  assert.equal(c.httpDownloadTimeWindow, d.httpSeconds);
  assert.equal(c.highDemandTimeWindow, d.httpSeconds);
  assert.equal(c.p2pDownloadTimeWindow, d.p2pSeconds);
  assert.deepEqual(c.validateHTTPSegment.httpTurn, d.httpTurn);
});

test('low with parts plays at the part distance at the edge places: 3 part targets, a segment and a part, 1 s at least; no spread', () => {
  for (const place of [0, 0.1, 0.249]) {
    // 1 s segments: one segment plus one part is the binding bound (playlists are re-read once a segment).
    assert.equal(liveDistances('low', 1, place, 0.5).liveSyncDuration, 1.5);
    assert.equal(liveDistances('low', 1, place, 1 / 3).liveSyncDuration, 1.33);
    // Very short segments and parts: the 1 s floor.
    assert.equal(liveDistances('low', 0.5, place, 0.2).liveSyncDuration, 1);
    // Long parts: PART-HOLD-BACK (3 part targets).
    assert.equal(liveDistances('low', 1, place, 0.9).liveSyncDuration, 2.7);
    assert.ok(liveDistances('low', 1, place, 0.5).liveSyncDuration < liveDistances('low', 1, place).liveSyncDuration);
  }
  const d = liveDistances('low', 2, 0.2, 0.5);
  assert.equal(d.liveSyncDuration, 2.5, 'well inside the 2 segments low keeps without parts');
  assert.ok(d.liveMaxLatencyDuration > d.liveSyncDuration);
});

test('behind the edge places, low viewers of a stream with parts play whole segments over the whole spread', () => {
  assert.equal(playsParts('low', 0.24), true);
  assert.equal(playsParts('low', 0.25), false);
  assert.equal(playsParts('normal', 0), false);
  // The first place behind the edge is the spread's closest; the spread is narrower, as edge viewers
  // seed each segment the moment it completes.
  assert.equal(liveDistances('low', 1, 0.25, 0.5).liveSyncDuration, 2.1);
  assert.equal(liveDistances('low', 1, 1, 0.5).liveSyncDuration, 2.7);
  assert.equal(liveDistances('low', 1, 0.625, 0.5).liveSyncDuration, 2.4);
  assert.equal(liveDistances('low', 1, 0.625, 0.5).httpTurn.urgentSeconds, 0.6, 'a peer has each segment at once');
  assert.equal(liveDistances('low', 1, 0.625).httpTurn.urgentSeconds, 1);
  assert.equal(liveDistances('low', 1, 1).liveSyncDuration, 3.5, 'without parts, the whole spread');
  for (const place of [0.25, 0.5, 1]) {
    assert.ok(liveDistances('low', 1, place, 0.5).liveSyncDuration >= 2, 'at least the two segments hls.js needs');
  }
});

test('normal is never given parts: its distances ignore them', () => {
  for (const place of [0, 0.5, 1]) {
    assert.deepEqual(liveDistances('normal', 1, place, 0.5), liveDistances('normal', 1, place));
  }
});

test('after a stall hls.js moves back half a second in low, a second in normal', () => {
  for (const place of [0, 0.5, 1]) {
    assert.equal(liveDistances('low', 1, place).liveSyncOnStallIncrease, 0.5);
    assert.equal(liveDistances('normal', 1, place).liveSyncOnStallIncrease, 1);
  }
});

test('no random HTTP seeding in either mode: viewers take turns instead', () => {
  for (const mode of Object.keys(LATENCY_MODES)) {
    for (const place of [0, 0.5, 1]) {
      const d = liveDistances(mode, 1, place);
      assert.equal(d.seedSeconds, d.httpSeconds, `${mode} at ${place}`);
    }
  }
});
