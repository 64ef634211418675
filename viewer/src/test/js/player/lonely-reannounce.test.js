// A viewer with no connected peer announces again while its tracker says others are in the swarm:
// after 10 s, 20 s, 40 s, then every 60 s; never while it has a peer or is alone in the swarm.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { lonelyReannounceDelayMs, watchLoneliness } from '../../../main/js/player/lonely-reannounce.js';

test('the waits double from 10 s and stop growing at 60 s; odd counts read as none', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 50].map(lonelyReannounceDelayMs), [10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
  assert.equal(lonelyReannounceDelayMs(-3), 10_000);
  assert.equal(lonelyReannounceDelayMs(Number.NaN), 10_000);
});

/** A tracker client with `peers` connected peers, counting update() calls, and a hand-run timer. */
function fakeTrackerClient() {
  const client = new EventEmitter();
  client.updates = 0;
  client.update = () => (client.updates += 1);
  const tc = {
    client,
    connected: 0,
    *peers() {
      for (let i = 0; i < tc.connected; i++) yield {};
    },
  };
  const timer = { waits: [], next: null, cleared: false };
  const options = {
    setTimer: (f, ms) => {
      timer.waits.push(ms);
      timer.next = f;
      return timer.waits.length;
    },
    clearTimer: () => (timer.cleared = true),
  };
  return { tc, client, timer, options };
}

test('alone in a swarm of others it announces again, with growing waits', () => {
  const { tc, client, timer, options } = fakeTrackerClient();
  watchLoneliness(tc, options);
  client.emit('update', { complete: 0, incomplete: 2 }); // this viewer and one other
  for (let i = 0; i < 4; i++) timer.next();
  assert.equal(client.updates, 4);
  assert.deepEqual(timer.waits, [10_000, 20_000, 40_000, 60_000, 60_000]);
});

test('with a peer, or alone in its swarm, it announces nothing extra; a peer starts the waits over', () => {
  const { tc, client, timer, options } = fakeTrackerClient();
  const stop = watchLoneliness(tc, options);
  client.emit('update', { complete: 0, incomplete: 1 }); // only this viewer
  timer.next();
  assert.equal(client.updates, 0, 'alone in the swarm');
  client.emit('update', { complete: 1, incomplete: 3 });
  timer.next();
  timer.next();
  assert.equal(client.updates, 2);
  tc.connected = 1;
  timer.next();
  assert.equal(client.updates, 2, 'it has a peer');
  assert.equal(timer.waits.at(-1), 10_000, 'the waits start over');
  stop();
  assert.ok(timer.cleared);
});

test('a tracker that gives no count, or nonsense for one, reads as a swarm of one: nothing extra', () => {
  const { tc, client, timer, options } = fakeTrackerClient();
  watchLoneliness(tc, options);
  timer.next(); // no answer from the tracker at all
  timer.next();
  assert.equal(client.updates, 0, 'no update event');
  for (const answer of [undefined, {}, { complete: 'many', incomplete: null }, { complete: -5, incomplete: 3 }]) {
    client.emit('update', answer);
    timer.next();
  }
  assert.equal(client.updates, 0, 'no count, or counts that add up to at most one');
  assert.deepEqual(new Set(timer.waits), new Set([10_000]), 'and the waits do not grow');
});
