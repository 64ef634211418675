import assert from 'node:assert/strict';
import { test } from 'node:test';

import { isStale, staleAfterMs } from '../../../main/js/trust/freshness.js';

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
