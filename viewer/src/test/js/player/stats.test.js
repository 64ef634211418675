import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventBus, Events } from '../../../main/js/player/events.js';
import { Stats } from '../../../main/js/player/stats.js';
import { FileKind, fileRefused } from '../../../main/js/player/trust-verdict.js';

function setup() {
  const bus = new EventBus();
  const stats = new Stats(bus);
  const updates = [];
  bus.on(Events.STATS_UPDATED, (e) => updates.push(e));
  return { bus, stats, updates };
}

test('the snapshot has exactly the fields of the automation hook (docs/viewer.md)', () => {
  const { stats } = setup();
  assert.deepEqual(Object.keys(stats.snapshot()).sort(), [
    'httpBytes',
    'httpFetches',
    'latencySeconds',
    'message',
    'p2pBytes',
    'p2pShare',
    'p2pTries',
    'p2pTryMs',
    'peers',
    'rejectedSegments',
    'rejections',
    'rendition',
    'seededSegments',
    'state',
    'targetLatencySeconds',
    'uploadedBytes',
    'verifiedParts',
    'verifiedSegments',
  ]);
  assert.deepEqual(stats.snapshot(), {
    httpBytes: 0,
    p2pBytes: 0,
    uploadedBytes: 0,
    verifiedSegments: 0,
    verifiedParts: 0,
    rejectedSegments: 0,
    seededSegments: 0,
    p2pShare: 0,
    peers: 0,
    rendition: null,
    latencySeconds: null,
    targetLatencySeconds: null,
    state: 'loading',
    message: '',
    rejections: [],
    httpFetches: {
      startup: 0,
      peerHad: 0,
      peerLoading: 0,
      urgentAlone: 0,
      turn: 0,
      cutPeerDownload: 0,
    },
    p2pTries: {},
    p2pTryMs: {},
  });
});

test('bytes, peers and the drawn distance are kept from their events', () => {
  const { bus, stats } = setup();
  bus.emit(Events.BYTES_DOWNLOADED, { bytes: 300, source: 'http' });
  bus.emit(Events.BYTES_DOWNLOADED, { bytes: 100, source: 'p2p' });
  bus.emit(Events.BYTES_DOWNLOADED, { bytes: 600, source: 'p2p' });
  bus.emit(Events.BYTES_UPLOADED, { bytes: 50 });
  bus.emit(Events.PEER_CONNECTED, { peerId: 'a' });
  bus.emit(Events.PEER_CONNECTED, { peerId: 'b' });
  bus.emit(Events.PEER_CONNECTED, { peerId: 'a' });
  bus.emit(Events.PEER_CLOSED, { peerId: 'b' });
  bus.emit(Events.LIVE_DISTANCE_DRAWN, { seconds: 6.25 });
  const s = stats.snapshot();
  assert.equal(s.httpBytes, 300);
  assert.equal(s.p2pBytes, 700);
  assert.equal(s.p2pShare, 0.7);
  assert.equal(s.uploadedBytes, 50);
  assert.equal(s.peers, 1);
  assert.equal(s.targetLatencySeconds, 6.25);
});

test('a verified segment counts once, when the player gets it; the engine hooks verified it before', () => {
  const { bus, stats } = setup();
  for (const source of ['http', 'p2p', 'player', 'player']) {
    bus.emit(Events.SEGMENT_VERIFIED, { url: 'u', bytes: 10, source });
  }
  assert.equal(stats.snapshot().verifiedSegments, 2);
  assert.equal(stats.snapshot().verifiedParts, 0);
});

test('a verified part counts among the verified segments and as a verified part, once', () => {
  const { bus, stats } = setup();
  for (const source of ['http', 'player'])
    bus.emit(Events.SEGMENT_VERIFIED, { url: 'p', bytes: 5, source, part: true });
  bus.emit(Events.SEGMENT_VERIFIED, { url: 's', bytes: 10, source: 'player', part: false });
  assert.equal(stats.snapshot().verifiedSegments, 2);
  assert.equal(stats.snapshot().verifiedParts, 1);
});

test('every refused segment is counted and listed, whatever its source; refused manifests are not', () => {
  const { bus, stats, updates } = setup();
  const refuse = (kind, file, source, problem) =>
    bus.emit(Events.FILE_REFUSED, fileRefused({ kind, file, source, problem, message: 'm' }));
  refuse(FileKind.SEGMENT, 'https://v.invalid/src/1.ts', 'p2p', 'SEGMENT_MISMATCH');
  refuse(FileKind.SEGMENT, 'https://v.invalid/src/2.ts', 'http', 'NOT_COVERED');
  refuse(FileKind.MANIFEST, 'src/manifest.json', 'http', 'BAD_SIGNATURE');
  const s = stats.snapshot();
  assert.equal(s.rejectedSegments, 2);
  assert.deepEqual(
    s.rejections.map(({ source, url, problem, message }) => ({ source, url, problem, message })),
    [
      { source: 'p2p', url: 'https://v.invalid/src/1.ts', problem: 'SEGMENT_MISMATCH', message: 'm' },
      { source: 'http', url: 'https://v.invalid/src/2.ts', problem: 'NOT_COVERED', message: 'm' },
    ],
  );
  assert.ok(s.rejections.every((r) => Number.isFinite(r.atMs)));
  assert.equal(updates.length, 2, 'the page is told about each refused segment');
});

test('state, rendition and each one-second sample reach the page; the history is the chart', () => {
  const { bus, stats, updates } = setup();
  bus.emit(Events.STATE_CHANGED, { state: 'playing', message: '' });
  bus.emit(Events.RENDITION_SWITCHED, { rendition: '360p' });
  bus.emit(Events.BYTES_DOWNLOADED, { bytes: 1000, source: 'http' });
  bus.emit(Events.PLAYBACK_SAMPLED, { latencySeconds: 3.27 });
  assert.equal(updates.length, 3);
  const last = updates.at(-1);
  assert.equal(last.snapshot.state, 'playing');
  assert.equal(last.snapshot.rendition, '360p');
  assert.equal(last.snapshot.latencySeconds, 3.27);
  assert.equal(last.history.length, 1);
  assert.deepEqual({ ...last.history[0], atMs: 0 }, { atMs: 0, httpBytes: 1000, p2pBytes: 0, latencySeconds: 3.27 });
  for (let i = 0; i < 130; i++) bus.emit(Events.PLAYBACK_SAMPLED, { latencySeconds: null });
  assert.equal(stats.history.length, 120, 'two minutes of one-second samples');
  assert.equal(stats.snapshot().latencySeconds, null);
});

test('each snapshot is a fresh copy', () => {
  const { bus, stats } = setup();
  bus.emit(
    Events.FILE_REFUSED,
    fileRefused({ kind: FileKind.SEGMENT, file: 'u', source: 'p2p', problem: 'SEGMENT_MISMATCH', message: 'm' }),
  );
  const s = stats.snapshot();
  s.rejections[0].problem = 'changed';
  s.rejections.push({});
  assert.equal(stats.snapshot().rejections.length, 1);
  assert.equal(stats.snapshot().rejections[0].problem, 'SEGMENT_MISMATCH');
});

test('downloads from peers are counted by how they ended', () => {
  const { bus, stats } = setup();
  for (const outcome of ['loaded', 'loaded', 'aborted', 'bytes-receiving-timeout']) {
    bus.emit(Events.P2P_TRY_ENDED, { outcome });
  }
  assert.deepEqual(stats.snapshot().p2pTries, { loaded: 2, aborted: 1, 'bytes-receiving-timeout': 1 });
});

test('how long downloads from peers took is summed up by outcome, over the newest 256 of each', () => {
  const { bus, stats } = setup();
  for (let ms = 1; ms <= 10; ms++) bus.emit(Events.P2P_TRY_ENDED, { outcome: 'loaded', ms: ms * 100 });
  bus.emit(Events.P2P_TRY_ENDED, { outcome: 'aborted', ms: 1999.6 });
  bus.emit(Events.P2P_TRY_ENDED, { outcome: 'aborted' }); // start not heard: counted, not timed
  assert.deepEqual(stats.snapshot().p2pTryMs, {
    loaded: { n: 10, p50: 600, p90: 1000 },
    aborted: { n: 1, p50: 2000, p90: 2000 },
  });
  assert.equal(stats.snapshot().p2pTries.aborted, 2);
  // Old ones give way: after 256 slow tries, the 10 fast ones are gone.
  for (let i = 0; i < 256; i++) bus.emit(Events.P2P_TRY_ENDED, { outcome: 'loaded', ms: 5000 });
  assert.deepEqual(stats.snapshot().p2pTryMs.loaded, { n: 256, p50: 5000, p90: 5000 });
});
