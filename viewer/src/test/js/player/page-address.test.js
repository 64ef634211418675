// What a watch page's address says: the stream, the hint, the latency override and the viewer's place
// in its mode's spread; a bad place is ignored (drawn at random), never an error that stops playback.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { streamFromLocation } from '../../../main/js/player/page-address.js';

const PUB = 'A'.repeat(43);
const at = (search) => new URL(`https://node.example/watch/${PUB}/show${search}`);

test('a node page names the stream in its path and hints at its own origin', () => {
  assert.deepEqual(streamFromLocation(at('')), {
    pub: PUB,
    name: 'show',
    hint: 'https://node.example/',
    latency: null,
    place: null,
    debug: false,
  });
});

test("?debug=hls asks for hls.js's log; any other value does not", () => {
  assert.equal(streamFromLocation(at('?debug=hls')).debug, true);
  for (const other of ['', '1', 'true', 'HLS', 'hls.js']) {
    assert.equal(streamFromLocation(at(`?debug=${encodeURIComponent(other)}`)).debug, false, other);
  }
});

test('?latency and ?place are read; place is a number from 0 to 1', () => {
  const s = streamFromLocation(at('?latency=low&place=0.25'));
  assert.equal(s.latency, 'low');
  assert.equal(s.place, 0.25);
  assert.equal(streamFromLocation(at('?place=0')).place, 0);
  assert.equal(streamFromLocation(at('?place=1')).place, 1);
});

test('a place that is not a number from 0 to 1 is ignored', () => {
  for (const bad of ['', ' ', 'x', '-0.1', '1.5', 'NaN', 'Infinity', '0x1']) {
    assert.equal(streamFromLocation(at(`?place=${encodeURIComponent(bad)}`)).place, null, bad);
  }
});

test('an address without a valid key says so', () => {
  assert.throws(() => streamFromLocation(new URL('https://node.example/watch/short/show')), /no valid creator key/);
});
