// STREAM_ANNOUNCE.logs (protocol §3, version 2): each rendition's log as the signer had published it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrustError, V1_REFUSED, verifyAnnounce } from '../../../main/js/trust/index.js';
import { CREATOR, NOW_MS, announceBody, signText } from './helpers.js';

async function verdictOf(mutate) {
  const body = announceBody(1);
  mutate(body);
  try {
    await verifyAnnounce(await signText(body), CREATOR.pub, NOW_MS);
    return 'OK';
  } catch (e) {
    if (e instanceof TrustError) return e.problem;
    throw e;
  }
}

const head = (rendition, epoch = 1, treeSize = 0) => ({ rendition, epoch, treeSize });

test('logs are read and kept on the verified announce', async () => {
  const body = announceBody(1);
  body.logs = [head('src', 3, 120), head('360p', 1, 0)];
  const a = await verifyAnnounce(await signText(body), CREATOR.pub, NOW_MS);
  assert.deepEqual(a.logs, [head('src', 3, 120), head('360p', 1, 0)]);
  assert.ok(Object.isFrozen(a.logs[0]));
  assert.equal(await verdictOf(() => {}), 'OK', 'empty logs: a hand-signed announce claims nothing');
});

test('logs rules that are MALFORMED', async () => {
  const bad = [
    ['missing', (b) => delete b.logs],
    ['not an array', (b) => (b.logs = {})],
    ['17 entries', (b) => (b.logs = Array.from({ length: 17 }, () => head('src')))],
    ['rendition twice', (b) => (b.logs = [head('src', 1, 3), head('src', 1, 4)])],
    ['rendition not announced', (b) => (b.logs = [head('720p')])],
    ['rendition badly spelt', (b) => (b.logs = [head('SRC')])],
    ['epoch 0', (b) => (b.logs = [head('src', 0, 1)])],
    ['negative treeSize', (b) => (b.logs = [head('src', 1, -1)])],
    ['treeSize a string', (b) => (b.logs = [head('src', 1, '3')])],
    ['missing treeSize', (b) => (b.logs = [{ rendition: 'src', epoch: 1 }])],
    ['unknown field', (b) => (b.logs = [{ ...head('src'), rootHash: 'ab'.repeat(32) }])],
    ['entry not an object', (b) => (b.logs = ['src'])],
  ];
  for (const [name, mutate] of bad) assert.equal(await verdictOf(mutate), 'MALFORMED', name);
});

test('version 1 is refused with the upgrade message; other versions as before', async () => {
  const body = announceBody(1);
  body.v = 1;
  await assert.rejects(verifyAnnounce(await signText(body), CREATOR.pub, NOW_MS), (e) => {
    assert.equal(e.problem, 'MALFORMED');
    assert.ok(e.message.includes(V1_REFUSED), e.message);
    assert.match(
      e.message,
      /protocol version 1 is no longer accepted \(version 1 roots do not bind their window\): upgrade the node that signed it/,
    );
    return true;
  });
  body.v = 3;
  await assert.rejects(verifyAnnounce(await signText(body), CREATOR.pub, NOW_MS), (e) => {
    assert.equal(e.problem, 'MALFORMED');
    assert.doesNotMatch(e.message, /no longer accepted/);
    return true;
  });
});
