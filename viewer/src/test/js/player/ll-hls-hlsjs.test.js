// Our LL-HLS playlist as the installed hls.js reads it (its own M3U8 parser): the signed parts are
// the parts of the segment in progress, a fragment hint after the last complete segment, with the
// part target and hold-back we wrote and no blocking reload; `details.fragments`, the list the P2P
// engine registers segments from (p2p-media-loader-hlsjs SegmentManager.updatePlaylist), holds
// whole segments only, so no part URL can become a P2P segment.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { M3U8Parser } from '../../../../node_modules/hls.js/dist/hls.mjs';
import { mediaPlaylist } from '../../../main/js/player/playlists.js';
import { StreamAddress } from '../../../main/js/player/stream-address.js';

const address = new StreamAddress('PUB', 'demo');
const INIT = { uri: 'init-aaaaaaaaaaaaaaaa.mp4', sha256: 'aa'.repeat(32), size: 700 };
const url = (uri) => address.segmentUrl('360p', uri, 2);
const items = [10, 11].map((index) => ({
  seq: 40 + index,
  epoch: 2,
  discontinuity: false,
  entry: { index, uri: `seg-2-0000${index}.m4s`, durationUs: 2_000_000, init: INIT },
}));
const parts = [0, 1, 2].map((k) => ({
  uri: `seg-2-000012-p${k}.m4s`,
  durationUs: 500_000,
  sha256: 'cc'.repeat(32),
  size: 900,
  independent: k !== 1,
  init: INIT,
}));

function parsed(inProgress) {
  const text = mediaPlaylist(items, '360p', address, {
    ended: false,
    discontinuitySequence: 0,
    emptySequence: 0,
    inProgress,
  });
  return M3U8Parser.parseLevelPlaylist(text, address.mediaUrl('360p'), 0, 'main', 0, null);
}

test('hls.js reads the signed parts as the segment in progress, after the last complete segment', () => {
  const d = parsed({ epoch: 2, parts });
  assert.deepEqual(
    d.fragments.map((f) => [f.sn, f.url]),
    [
      [50, url('seg-2-000010.m4s')],
      [51, url('seg-2-000011.m4s')],
    ],
    'the fragments the P2P engine registers: whole segments only',
  );
  assert.deepEqual(
    d.partList.map((p) => [p.fragment.sn, p.url, p.duration, p.independent]),
    parts.map((p) => [52, url(p.uri), 0.5, p.independent]),
  );
  assert.equal(d.fragmentHint.sn, 52);
  assert.equal(d.fragmentHint.duration, 1.5);
  assert.equal(d.fragmentHint.initSegment.url, url(INIT.uri));
  assert.equal(d.partTarget, 0.5);
  assert.equal(d.partHoldBack, 1.5);
  assert.equal(d.canBlockReload, true, 'hls.js asks again at once after a playlist that advanced');
  assert.equal(d.edge, 5.5, 'two 2 s segments and 1.5 s of parts');
});

test('without parts hls.js sees no part list and no hint', () => {
  const d = parsed(null);
  assert.equal(d.partList, null);
  assert.equal(d.fragmentHint, undefined);
  assert.equal(d.edge, 4);
});
