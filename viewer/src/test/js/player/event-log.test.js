import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventBus, Events } from '../../../main/js/player/events.js';
import { EventLog } from '../../../main/js/player/event-log.js';
import { UntrustedError } from '../../../main/js/player/stream-trust.js';
import { FileKind, announceRefused, fileRefused } from '../../../main/js/player/trust-verdict.js';

const O = 'https://o.example/';

test('origin switches, refused announces and manifests and tracker errors read as they always have', () => {
  const bus = new EventBus();
  const log = new EventLog(bus);
  const refusal = (kind, file, problem, message) =>
    fileRefused({ kind, file, origin: O, source: 'http', problem, message });
  bus.emit(
    Events.FILE_REFUSED,
    refusal(FileKind.MANIFEST, 'src/manifest.json', 'BAD_SIGNATURE', 'sig does not verify'),
  );
  bus.emit(Events.ORIGIN_CHANGED, { from: O, to: 'https://p.example/', reason: 'BAD_SIGNATURE: sig does not verify' });
  bus.emit(Events.FILE_REFUSED, refusal(FileKind.ANNOUNCE, 'announce.json', undefined, 'HTTP 404'));
  bus.emit(Events.TRACKER_ERROR, { message: 'connection refused' });
  bus.emit(
    Events.ANNOUNCE_REFRESH_FAILED,
    announceRefused(new UntrustedError('announce.json from x: old', 'ROLLBACK')),
  );
  assert.deepEqual(
    log.list().map((e) => [e.kind, e.text]),
    [
      ['refused', `src/manifest.json from ${O}: BAD_SIGNATURE sig does not verify`],
      ['origin', `${O} → https://p.example/: BAD_SIGNATURE: sig does not verify`],
      ['refused', `announce.json from ${O}: UNAVAILABLE HTTP 404`],
      ['tracker', 'connection refused'],
      ['refused', 'announce: ROLLBACK announce.json from x: old'],
    ],
  );
  assert.ok(log.list().every((e) => Number.isFinite(e.atMs)));
});

test('segment refusals and an unavailable announce re-read stay out of the log', () => {
  const bus = new EventBus();
  const log = new EventLog(bus);
  bus.emit(
    Events.FILE_REFUSED,
    fileRefused({ kind: FileKind.SEGMENT, file: 'u', source: 'p2p', problem: 'SEGMENT_MISMATCH', message: 'm' }),
  );
  bus.emit(Events.ANNOUNCE_REFRESH_FAILED, announceRefused(new UntrustedError('down', 'UNAVAILABLE')));
  assert.deepEqual(log.list(), []);
});

test('the log keeps the last 100 entries, and hands out copies', () => {
  const bus = new EventBus();
  const log = new EventLog(bus);
  for (let i = 0; i < 130; i++) bus.emit(Events.TRACKER_ERROR, { message: `e${i}` });
  const list = log.list();
  assert.equal(list.length, 100);
  assert.equal(list[0].text, 'e30');
  list[0].text = 'changed';
  assert.equal(log.list()[0].text, 'e30');
});
