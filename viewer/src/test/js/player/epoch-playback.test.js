// Playback across a new epoch (protocol §4.3): log indices restart at 0, but the playlists the viewer
// writes for hls.js keep one growing media sequence, mark the boundary with EXT-X-DISCONTINUITY, and
// segments are looked up by (epoch, uri) so each maps to the entry its own epoch signed. A forged
// epoch (no link, or a link that drops what was accepted) is refused and never played.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EpochSequence } from '../../../main/js/player/epoch-sequence.js';
import { EventBus, Events } from '../../../main/js/player/events.js';
import { Origins } from '../../../main/js/player/origins.js';
import { Session } from '../../../main/js/player/session.js';
import { StreamAddress } from '../../../main/js/player/stream-address.js';
import { StreamTrust } from '../../../main/js/player/stream-trust.js';
import { CREATOR, announceBody, link, manifestBody, signText } from '../trust/helpers.js';

const ORIGIN = 'https://origin.example/';
const address = new StreamAddress(CREATOR.pub, 'demo');

/** StreamTrust and Session over one origin whose files are `files[path below the stream]`. */
async function player(t, files) {
  const asked = [];
  t.mock.method(globalThis, 'fetch', async (url) => {
    // A static server: a blocking-reload query (manifest.json?_HLS_msn=…) is ignored.
    const path = url.slice(url.indexOf('/demo/') + '/demo/'.length).split('?')[0];
    asked.push(path);
    return files[path] == null ? new Response('gone', { status: 404 }) : new Response(files[path]);
  });
  const body = announceBody(1);
  body.issuedAtMs = Date.now() - 1000;
  body.expiresAtMs = Date.now() + 60_000;
  body.hints.origins = [];
  files['announce.json'] = await signText(body);
  const bus = new EventBus();
  const refused = [];
  bus.on(Events.FILE_REFUSED, (r) => refused.push(`${r.file} ${r.problem}`));
  const origins = new Origins(ORIGIN, bus);
  const trust = new StreamTrust(address, origins, bus);
  await trust.loadAnnounce();
  const session = new Session(address, origins, trust, null, bus);
  const playlist = async () => session.answer(address.mediaUrl('src'), null);
  return { asked, refused, trust, session, playlist };
}

/** A fixture root published now (timeMs fresh, so it is not stale), signed. */
async function rootText(epoch, size, windowSize, fromSize, previous, forkAt = null) {
  const body = await manifestBody(epoch, size, windowSize, fromSize, CREATOR, previous, forkAt);
  body.timeMs = Date.now();
  return signText(body);
}

const lines = (text, prefix) => text.split('\n').filter((l) => l.startsWith(prefix));
const sequenceOf = (text) => Number(lines(text, '#EXT-X-MEDIA-SEQUENCE:')[0].split(':')[1]);
const urls = (text) => lines(text, 'https://').map((u) => u.slice(address.virtualBase.length));

test('a linked new epoch keeps the media sequence growing, with a discontinuity at the boundary', async (t) => {
  const files = { 'src/manifest.json': await rootText(1, 9, 3, 0, null) };
  const p = await player(t, files);
  const one = await p.playlist();
  assert.equal(sequenceOf(one), 6);
  assert.deepEqual(urls(one), ['src/1/seg-000006.ts', 'src/1/seg-000007.ts', 'src/1/seg-000008.ts']);

  // The node restarts with a new epoch linked to size 9; its first root lists one entry.
  files['src/manifest.json'] = await rootText(2, 1, 3, 0, await link(1, 9));
  const two = await p.playlist();
  assert.equal(p.trust.renditions.get('src').root.epoch, 2);
  // The old epoch's last two entries stay in front, then the new epoch's index 0 as sequence 9.
  assert.equal(sequenceOf(two), 7);
  assert.deepEqual(urls(two), ['src/1/seg-000007.ts', 'src/1/seg-000008.ts', 'src/2/seg-000000.ts']);
  const body = two.slice(two.indexOf('#EXTINF'));
  assert.match(body, /seg-000008\.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:[0-9.]+,\n\S+\/src\/2\/seg-000000\.ts/);

  // As the new epoch grows, the old entries slide out and the discontinuity sequence counts the tags.
  files['src/manifest.json'] = await rootText(2, 4, 3, 1, await link(1, 9));
  const three = await p.playlist();
  assert.equal(sequenceOf(three), 10);
  assert.deepEqual(urls(three), ['src/2/seg-000001.ts', 'src/2/seg-000002.ts', 'src/2/seg-000003.ts']);
  // The boundary's tag slid out (counted); entry 3's own flag (the fixture flags i % 7 = 3) is listed.
  assert.equal(lines(three, '#EXT-X-DISCONTINUITY-SEQUENCE:')[0], '#EXT-X-DISCONTINUITY-SEQUENCE:1');
  assert.match(three, /#EXT-X-DISCONTINUITY\n#EXTINF:[0-9.]+,\n\S+\/src\/2\/seg-000003\.ts/);
  assert.equal(three.split('#EXT-X-DISCONTINUITY\n').length, 2, 'one tag');
  assert.deepEqual(p.refused, []);
});

test('segments are looked up by (epoch, uri): the same file name in two epochs maps to each epoch’s own entry', async (t) => {
  const files = { 'src/manifest.json': await rootText(1, 3, 3, 0, null) };
  const p = await player(t, files);
  await p.playlist();
  // Epoch 2's entry 0 has other bytes than epoch 1's entry 0, under the same name seg-000000.ts.
  files['src/manifest.json'] = await rootText(2, 2, 3, 0, await link(1, 3), 0);
  await p.playlist();
  const old = p.trust.entry('src', 1, 'seg-000000.ts');
  const now = p.trust.entry('src', 2, 'seg-000000.ts');
  assert.equal(old.index, 0);
  assert.equal(now.index, 0);
  assert.notEqual(old.sha256, now.sha256);
  assert.equal(p.trust.entry('src', 3, 'seg-000000.ts'), undefined);
  assert.deepEqual(address.parse(address.segmentUrl('src', 'seg-000000.ts', 2)), {
    kind: 'segment',
    rendition: 'src',
    epoch: 2,
    uri: 'seg-000000.ts',
  });
  assert.equal(address.parse(`${address.virtualBase}src/seg-000000.ts`), null, 'a segment URL names its epoch');
});

test('a new epoch linked beyond the accepted size walks the old epoch through roots/EPOCH-SIZE.json', async (t) => {
  const files = { 'src/manifest.json': await rootText(1, 3, 3, 0, null) };
  const p = await player(t, files);
  await p.playlist();
  files['src/roots/1-4.json'] = await rootText(1, 4, 3, 3, null);
  files['src/roots/1-5.json'] = await rootText(1, 5, 3, 4, null);
  files['src/manifest.json'] = await rootText(2, 1, 3, 0, await link(1, 5));
  await p.playlist();
  assert.equal(p.trust.renditions.get('src').root.epoch, 2);
  assert.deepEqual(
    p.asked.filter((a) => a.includes('roots/')),
    ['src/roots/1-4.json', 'src/roots/1-5.json'],
  );
  assert.deepEqual(p.refused, []);
});

test('a forged epoch — a link that drops what was accepted, or none at all — is refused, never played', async (t) => {
  const files = { 'src/manifest.json': await rootText(1, 9, 3, 0, null) };
  const p = await player(t, files);
  const before = await p.playlist();
  for (const [forged, problem] of [
    [await rootText(2, 9, 3, 0, await link(1, 1)), 'EQUIVOCATION'],
    [(await rootText(2, 9, 3, 0, await link(1, 9))).replace(/,"previous":\{[^}]*\}/, ''), 'MALFORMED'],
  ]) {
    files['src/manifest.json'] = forged;
    p.refused.length = 0;
    await assert.rejects(p.playlist(), (e) => e.problem === problem);
    assert.deepEqual(p.refused, [`src/manifest.json ${problem}`]);
    assert.equal(p.trust.renditions.get('src').root.epoch, 1);
    assert.equal(p.trust.entry('src', 2, 'seg-000008.ts'), undefined, 'nothing of the forged epoch is playable');
  }
  // The genuine state still plays.
  files['src/manifest.json'] = await rootText(1, 9, 3, 0, null);
  assert.deepEqual(urls(await p.playlist()), urls(before));
});

test('EpochSequence: an epoch reached without a link (joined late, or an epoch skipped) continues after the highest number', () => {
  const root = (epoch, treeSize, first, previous = null) => ({
    epoch,
    treeSize,
    previous,
    window: Array.from({ length: treeSize - first }, (_, i) => ({
      index: first + i,
      durationUs: 1,
      discontinuity: false,
    })),
  });
  const s = new EpochSequence();
  assert.deepEqual(
    s.items(root(1, 10, 7)).map((i) => i.seq),
    [7, 8, 9],
  );
  // Epoch 3 after epoch 1: no offset to link to; it starts after 9, its own indices added on.
  assert.deepEqual(
    s
      .items(root(3, 6, 4, { epoch: 2, treeSize: 50, rootHash: 'x' }))
      .map((i) => `${i.seq}${i.discontinuity ? '!' : ''}`),
    ['14', '15'],
  );
  // A linked epoch 4 continues after where epoch 3 ended (size 8), past what was written.
  const four = s.items(root(4, 2, 0, { epoch: 3, treeSize: 8, rootHash: 'y' }));
  assert.deepEqual(
    four.map((i) => `${i.epoch}:${i.seq}${i.discontinuity ? '!' : ''}`),
    ['4:18!', '4:19'],
  );
  assert.equal(s.emptySequence(root(4, 2, 2)), 20);
});
