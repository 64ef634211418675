import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventBus, Events } from '../../../main/js/player/events.js';

test('listeners hear an event in the order they subscribed, with its payload', () => {
  const bus = new EventBus();
  const heard = [];
  bus.on(Events.PEER_CONNECTED, (e) => heard.push(['first', e.peerId]));
  bus.on(Events.PEER_CONNECTED, (e) => heard.push(['second', e.peerId]));
  bus.on(Events.PEER_CLOSED, () => heard.push(['other event']));
  bus.emit(Events.PEER_CONNECTED, { peerId: 'p1' });
  assert.deepEqual(heard, [
    ['first', 'p1'],
    ['second', 'p1'],
  ]);
});

test('a payload is frozen: one listener cannot change what the next one hears', () => {
  const bus = new EventBus();
  bus.on(Events.BYTES_UPLOADED, (e) => {
    assert.ok(Object.isFrozen(e));
    assert.throws(() => {
      e.bytes = 0;
    }, TypeError);
  });
  bus.emit(Events.BYTES_UPLOADED, { bytes: 10 });
});

test('a misspelt event name is a TypeError, for listeners and emitters alike', () => {
  const bus = new EventBus();
  assert.throws(() => bus.on('fileRefuse', () => {}), TypeError);
  assert.throws(() => bus.emit('FILE_REFUSED', {}), TypeError);
  assert.ok(Object.isFrozen(Events));
});

test('a failing listener neither stops the others nor reaches the emitter', (t) => {
  const bus = new EventBus();
  t.mock.method(console, 'error', () => {});
  let heard = false;
  bus.on(Events.TRACKER_ERROR, () => {
    throw new Error('page bug');
  });
  bus.on(Events.TRACKER_ERROR, () => {
    heard = true;
  });
  assert.doesNotThrow(() => bus.emit(Events.TRACKER_ERROR, { message: 'x' }));
  assert.ok(heard);
  assert.equal(console.error.mock.callCount(), 1);
});

test('the function on() returns stops that listener only, even while an event is being delivered', () => {
  const bus = new EventBus();
  const heard = [];
  const stopFirst = bus.on(Events.PEER_CLOSED, () => {
    heard.push('first');
    stopFirst();
  });
  bus.on(Events.PEER_CLOSED, () => heard.push('second'));
  bus.emit(Events.PEER_CLOSED, { peerId: 'p' });
  bus.emit(Events.PEER_CLOSED, { peerId: 'p' });
  assert.deepEqual(heard, ['first', 'second', 'second']);
});
