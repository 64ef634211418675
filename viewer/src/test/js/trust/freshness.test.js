import assert from 'node:assert/strict';
import { test } from 'node:test';

import { isEarlierLogState, isStale, staleAfterMs } from '../../../main/js/trust/freshness.js';

// The numbers of the Java FreshnessTest: the two implementations apply one rule (protocol §4.4.1).
const root = (durationUs, timeMs = 1_764_000_020_000) => ({
  timeMs,
  treeSize: 10,
  window: [{ durationUs: 2_000_000 }, { durationUs }],
});
const live = { status: 'live' };

test('a live root is stale only past the thirty-second floor', () => {
  const r = root(2_000_000);
  assert.equal(staleAfterMs(r), 30000);
  assert.equal(isStale(r, live, r.timeMs + 30000), false);
  assert.equal(isStale(r, live, r.timeMs + 30001), true);
});

test('long segments give their roots ten segments of slack', () => {
  const r = root(6_000_000);
  assert.equal(staleAfterMs(r), 60000);
  assert.equal(isStale(r, live, r.timeMs + 59000), false);
});

test("an ended stream's root is never stale", () => {
  const r = root(2_000_000);
  assert.equal(isStale(r, { status: 'ended' }, r.timeMs + 86_400_000), false);
});

// Signed freshness (protocol §3, §4.4.1): the announce's logs entry for the root's rendition.
const at = (epoch, treeSize, rendition = 'src') => ({ ...root(2_000_000), rendition, epoch, treeSize });
const withLogs = (logs, status = 'live') => ({ status, logs });

test('a root below the announce logs entry of its rendition is stale whatever its timeMs', () => {
  const a = withLogs([{ rendition: 'src', epoch: 2, treeSize: 10 }]);
  const now = at(2, 10).timeMs; // signed this very moment
  assert.equal(isStale(at(2, 9), a, now), true, 'same epoch, smaller tree');
  assert.equal(isStale(at(1, 500), a, now), true, 'earlier epoch, however large');
  assert.equal(isStale(at(2, 10), a, now), false, 'at the head');
  assert.equal(isStale(at(2, 11), a, now), false, 'ahead of the head (the announce is older than the root)');
  assert.equal(isStale(at(3, 0), a, now), false, 'a later epoch');
  // Also for an ended stream: the creator signed that it had published more.
  assert.equal(isStale(at(2, 9), withLogs(a.logs, 'ended'), now), true);
});

test('logs entries of other renditions, or none, leave the timeMs rule alone', () => {
  const other = withLogs([{ rendition: '360p', epoch: 5, treeSize: 100 }]);
  const r = at(1, 3);
  assert.equal(isStale(r, other, r.timeMs), false);
  assert.equal(isStale(r, other, r.timeMs + 30001), true);
  assert.equal(isStale(r, withLogs([]), r.timeMs + 30000), false);
});

test('a log state is earlier by its epoch first, then by its tree size, never when equal', () => {
  const s = (epoch, treeSize) => ({ epoch, treeSize });
  assert.equal(isEarlierLogState(s(2, 9), s(2, 10)), true, 'same epoch, smaller tree');
  assert.equal(isEarlierLogState(s(1, 500), s(2, 1)), true, 'earlier epoch, however large');
  assert.equal(isEarlierLogState(s(2, 10), s(2, 10)), false, 'the same state');
  assert.equal(isEarlierLogState(s(2, 11), s(2, 10)), false, 'a larger tree');
  assert.equal(isEarlierLogState(s(3, 1), s(2, 500)), false, 'a later epoch, however small');
});
