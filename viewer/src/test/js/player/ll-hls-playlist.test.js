// The LL-HLS media playlist written for hls.js from a root with signed parts: the part header lines
// (PART-TARGET = longest part, PART-HOLD-BACK = 3 part targets, CAN-BLOCK-RELOAD) and one
// EXT-X-PART per part after the last complete segment, under virtual URLs. Exact lines, since hls.js
// reads nothing but this text.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mediaPlaylist } from '../../../main/js/player/playlists.js';
import { StreamAddress } from '../../../main/js/player/stream-address.js';

const address = new StreamAddress('PUB', 'demo');
const INIT = { uri: 'init-aaaaaaaaaaaaaaaa.mp4', sha256: 'aa'.repeat(32), size: 700 };
const url = (uri, epoch = 2) => address.segmentUrl('360p', uri, epoch);

const items = [10, 11].map((index) => ({
  seq: 40 + index,
  epoch: 2,
  discontinuity: false,
  entry: { index, uri: `seg-2-0000${index}.m4s`, durationUs: 2_000_000, init: INIT },
}));

function part(k, durationUs, independent) {
  return { uri: `seg-2-000012-p${k}.m4s`, durationUs, sha256: 'cc'.repeat(32), size: 900, independent, init: INIT };
}

const write = (list, inProgress) =>
  mediaPlaylist(list, '360p', address, { ended: false, discontinuitySequence: 0, emptySequence: 52, inProgress });

test('a root with parts is written as an LL-HLS playlist: part header, then one EXT-X-PART per signed part', () => {
  const parts = [part(0, 500_000, true), part(1, 520_000, false), part(2, 333_334, true)];
  const text = write(items, { epoch: 2, parts });
  assert.deepEqual(text.split('\n'), [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    '#EXT-X-TARGETDURATION:2',
    '#EXT-X-MEDIA-SEQUENCE:50',
    '#EXT-X-DISCONTINUITY-SEQUENCE:0',
    '#EXT-X-PART-INF:PART-TARGET=0.520000',
    '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.560000',
    `#EXT-X-MAP:URI="${url(INIT.uri)}"`,
    '#EXTINF:2.000000,',
    url('seg-2-000010.m4s'),
    '#EXTINF:2.000000,',
    url('seg-2-000011.m4s'),
    `#EXT-X-PART:DURATION=0.500000,URI="${url('seg-2-000012-p0.m4s')}",INDEPENDENT=YES`,
    `#EXT-X-PART:DURATION=0.520000,URI="${url('seg-2-000012-p1.m4s')}"`,
    `#EXT-X-PART:DURATION=0.333334,URI="${url('seg-2-000012-p2.m4s')}",INDEPENDENT=YES`,
    '',
  ]);
});

test('parts of the very first segment come after the EXT-X-MAP of their own init section', () => {
  const text = write([], { epoch: 2, parts: [part(0, 400_000, true)] });
  assert.deepEqual(text.split('\n').slice(3), [
    '#EXT-X-MEDIA-SEQUENCE:52',
    '#EXT-X-DISCONTINUITY-SEQUENCE:0',
    '#EXT-X-PART-INF:PART-TARGET=0.400000',
    '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.200000',
    `#EXT-X-MAP:URI="${url(INIT.uri)}"`,
    `#EXT-X-PART:DURATION=0.400000,URI="${url('seg-2-000012-p0.m4s')}",INDEPENDENT=YES`,
    '',
  ]);
});

test('without parts (none signed, or none asked for) the playlist is the one written before parts existed', () => {
  const plain = write(items, null);
  assert.equal(write(items, { epoch: 2, parts: [] }), plain);
  assert.ok(!/PART|SERVER-CONTROL/.test(plain));
});
