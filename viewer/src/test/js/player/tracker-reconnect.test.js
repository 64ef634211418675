import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FIRST_RECONNECT_MS,
  MAX_RECONNECT_MS,
  trackerReconnectDelayMs,
} from '../../../main/js/player/tracker-reconnect.js';

test('the wait starts at about a second and doubles, never beyond 30 s', () => {
  const ceilings = [1000, 2000, 4000, 8000, 16000, 30000, 30000];
  ceilings.forEach((ceiling, retries) => {
    assert.equal(trackerReconnectDelayMs(retries, 0.999999), ceiling, `retries ${retries}`);
    assert.equal(trackerReconnectDelayMs(retries, 0), ceiling / 2, `retries ${retries}`);
  });
  assert.equal(trackerReconnectDelayMs(0, 1), FIRST_RECONNECT_MS);
  assert.equal(trackerReconnectDelayMs(1e6, 1), MAX_RECONNECT_MS);
});

test('jitter spreads viewers over the upper half of the wait', () => {
  const waits = Array.from({ length: 200 }, () => trackerReconnectDelayMs(6, Math.random()));
  assert.ok(waits.every((w) => w >= MAX_RECONNECT_MS / 2 && w <= MAX_RECONNECT_MS));
  assert.ok(new Set(waits).size > 100, 'viewers do not all come back at once');
});

test('odd inputs still give a bounded wait', () => {
  for (const [retries, random] of [
    [NaN, 0.5],
    [-3, 0.5],
    [Infinity, 0.5],
    [2.7, NaN],
    [2, -1],
    [2, 7],
  ]) {
    const w = trackerReconnectDelayMs(retries, random);
    assert.ok(w >= FIRST_RECONNECT_MS / 2 && w <= MAX_RECONNECT_MS, `${retries}, ${random}: ${w}`);
  }
});
