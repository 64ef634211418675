import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventBus, Events } from '../../../main/js/player/events.js';
import { PlaybackState } from '../../../main/js/player/playback-state.js';
import { UntrustedError } from '../../../main/js/player/stream-trust.js';
import { FileKind, announceRefused, fileRefused } from '../../../main/js/player/trust-verdict.js';

function setup() {
  const bus = new EventBus();
  const changes = [];
  bus.on(Events.STATE_CHANGED, (e) => changes.push(`${e.state}: ${e.message}`));
  return { bus, state: new PlaybackState(bus), changes };
}

const refused = (bus, kind, problem, file = `${kind}.json`) =>
  bus.emit(
    Events.FILE_REFUSED,
    fileRefused({ kind, file, origin: 'https://o.example/', source: 'http', problem, message: 'why' }),
  );

test('an announce no origin could verify at start makes the stream untrusted', () => {
  const { state, changes } = setup();
  state.announceFailed(new UntrustedError('announce.json from https://o.example/: bad', 'BAD_SIGNATURE'));
  assert.deepEqual(changes, ['untrusted: announce.json from https://o.example/: bad']);
});

test('an announce no origin could serve at start is a failure, not untrusted', () => {
  const { state, changes } = setup();
  state.announceFailed(new UntrustedError('announce.json from https://o.example/: HTTP 404', 'UNAVAILABLE'));
  assert.deepEqual(changes, ['failed: announce.json from https://o.example/: HTTP 404']);
});

test('after a refused manifest, a player failure is untrusted, with the refusal as the reason', () => {
  const { bus, state, changes } = setup();
  refused(bus, FileKind.MANIFEST, 'BAD_SIGNATURE', 'src/manifest.json');
  assert.equal(state.state, 'loading', 'a refusal alone only fails over');
  assert.equal(state.playerFailed('networkError: levelLoadError'), true);
  assert.deepEqual(changes, ['untrusted: src/manifest.json from https://o.example/: BAD_SIGNATURE why']);
});

test('the latest refusal decides: an unavailable origin after a refused one means failed', () => {
  const { bus, state, changes } = setup();
  refused(bus, FileKind.MANIFEST, 'ROLLBACK');
  refused(bus, FileKind.MANIFEST, 'UNAVAILABLE');
  assert.equal(state.playerFailed('networkError: levelLoadError'), false);
  assert.deepEqual(changes, ['failed: networkError: levelLoadError']);
});

test('bad segments are counted elsewhere and never make the stream untrusted', () => {
  const { bus, state, changes } = setup();
  refused(bus, FileKind.MANIFEST, 'UNAVAILABLE');
  refused(bus, FileKind.SEGMENT, 'SEGMENT_MISMATCH', 'https://stream.ownerless.invalid/P/n/src/s1.ts');
  refused(bus, FileKind.SEGMENT, 'NOT_COVERED', 'https://stream.ownerless.invalid/P/n/src/s2.ts');
  assert.equal(state.playerFailed('mediaError: fragParsingError'), false);
  assert.deepEqual(changes, ['failed: mediaError: fragParsingError']);
});

test('a refused re-read of the announce counts like any refusal of a signed object', () => {
  const { bus, state } = setup();
  const error = new UntrustedError('announce.json from https://o.example/: older seq', 'ROLLBACK');
  bus.emit(Events.ANNOUNCE_REFRESH_FAILED, announceRefused(error));
  state.playerFailed('networkError: x');
  assert.equal(state.state, 'untrusted');
  assert.equal(state.message, 'announce: ROLLBACK announce.json from https://o.example/: older seq');
});

test('untrusted is final, and an unchanged state is not announced again', () => {
  const { state, changes } = setup();
  state.set('playing');
  state.set('playing');
  state.set('stalled');
  state.announceFailed(new UntrustedError('m', 'WRONG_KEY'));
  state.set('playing');
  state.playerFailed('networkError: x');
  assert.deepEqual(changes, ['playing: ', 'stalled: ', 'untrusted: m']);
});
