// The media playlist written for hls.js from an fMP4 root: version 7, EXT-X-MAP naming the init
// section (a virtual URL that the loader verifies like a segment) before the first entry and again
// where the init changes. A TS playlist is unchanged: version 3, no EXT-X-MAP.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mediaPlaylist } from '../../../main/js/player/playlists.js';
import { StreamAddress } from '../../../main/js/player/stream-address.js';

const address = new StreamAddress('PUB', 'demo');
const initA = { uri: 'init-aaaaaaaaaaaaaaaa.mp4', sha256: 'aa'.repeat(32), size: 700 };
const initB = { uri: 'init-bbbbbbbbbbbbbbbb.mp4', sha256: 'bb'.repeat(32), size: 720 };

function items(inits, { discontinuityAt = -1 } = {}) {
  return inits.map((init, i) => ({
    seq: 10 + i,
    epoch: 1,
    discontinuity: i === discontinuityAt,
    entry: {
      index: 10 + i,
      uri: `seg-1-${String(10 + i).padStart(6, '0')}.${init ? 'm4s' : 'ts'}`,
      durationUs: 2_000_000,
      init,
    },
  }));
}

const write = (list) =>
  mediaPlaylist(list, '360p', address, { ended: false, discontinuitySequence: 0, emptySequence: 0 });
const lines = (text) => text.trim().split('\n');

test('an fMP4 playlist is version 7 and maps the init before the first segment and where it changes', () => {
  const text = write(items([initA, initA, initB, initB], { discontinuityAt: 2 }));
  const l = lines(text);
  assert.ok(l.includes('#EXT-X-VERSION:7'));
  const mapA = `#EXT-X-MAP:URI="${address.segmentUrl('360p', initA.uri, 1)}"`;
  const mapB = `#EXT-X-MAP:URI="${address.segmentUrl('360p', initB.uri, 1)}"`;
  assert.equal(l.filter((x) => x.startsWith('#EXT-X-MAP')).length, 2);
  assert.ok(l.indexOf(mapA) < l.findIndex((x) => x.startsWith('#EXTINF')));
  const third = l.indexOf(address.segmentUrl('360p', 'seg-1-000012.m4s', 1));
  assert.deepEqual(l.slice(third - 3, third), ['#EXT-X-DISCONTINUITY', mapB, '#EXTINF:2.000000,']);
});

test('a TS playlist stays version 3 without EXT-X-MAP', () => {
  const l = lines(write(items([null, null])));
  assert.ok(l.includes('#EXT-X-VERSION:3'));
  assert.ok(!l.some((x) => x.startsWith('#EXT-X-MAP')));
});
