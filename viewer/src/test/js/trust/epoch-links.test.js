// RootTracker version 2 (protocol §4.4): one position must agree in rootHash and previous, a later
// root may not re-list an old index with other bytes, and a new epoch must start where the accepted
// log ended — linked, or further on and proven by walking the old epoch's roots (EPOCH-SIZE).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RootTracker, TrustError, verifyEquivocationProof, verifyManifest } from '../../../main/js/trust/index.js';
import { CREATOR, link, manifestBody, signText } from './helpers.js';

const pinned = { creator: CREATOR.pub };

/** A verified fixture root; `previous` defaults as in the fixtures, `forkAt` lists that index with other bytes. */
async function root(epoch, size, { windowSize = 3, fromSize = 0, previous, forkAt = null, mutate } = {}) {
  const prev = previous !== undefined ? previous : epoch > 1 ? await link(epoch - 1, 0) : null;
  const body = await manifestBody(epoch, size, windowSize, fromSize, CREATOR, prev, forkAt);
  mutate?.(body);
  return verifyManifest(await signText(body), pinned);
}

async function outcome(promise) {
  try {
    return await promise;
  } catch (e) {
    if (e instanceof TrustError) return e.problem;
    throw e;
  }
}

async function trackerAt(r) {
  const t = new RootTracker();
  assert.equal(await t.accept(r), 'first');
  return t;
}

/** A fetchRoot serving `roots` (verified) by epoch and size, recording what it was asked. */
function source(roots) {
  const asked = [];
  const fetchRoot = async (epoch, size) => {
    asked.push(`${epoch}-${size}`);
    const r = roots.find((x) => x.epoch === epoch && x.treeSize === size);
    if (!r) throw new TrustError('UNAVAILABLE', `roots/${epoch}-${size}.json: 404`);
    return r;
  };
  return { asked, fetchRoot };
}

test('a later root re-listing an old index with other bytes: INCONSISTENT with its own proof, ROOT_MISMATCH without', async () => {
  const t = await trackerAt(await root(1, 9));
  // The fork's genuine tree, proof from 9 included: it does not extend the accepted root of size 9.
  const fork = await root(1, 12, { windowSize: 6, fromSize: 9, forkAt: 7 });
  assert.equal(fork.window.find((e) => e.index === 7).size, 'forked payload 7'.length);
  assert.equal(await outcome(t.accept(fork)), 'INCONSISTENT');
  // The same bytes listed under the genuine root hash: the window does not hash to what is signed.
  const genuine = await root(1, 12, { windowSize: 6, fromSize: 9 });
  const relisted = await outcome(
    root(1, 12, {
      windowSize: 6,
      fromSize: 9,
      forkAt: 7,
      mutate: (b) => {
        b.rootHash = genuine.rootHash;
        b.consistency = genuine.consistency;
      },
    }),
  );
  assert.equal(relisted, 'ROOT_MISMATCH');
  assert.equal(await t.accept(genuine), 'extended');
});

test('same epoch and size with another previous: EQUIVOCATION with a proof that re-verifies', async () => {
  const a = await root(2, 5, { previous: await link(1, 9) });
  const b = await root(2, 5, { previous: await link(1, 8) });
  assert.equal(a.rootHash, b.rootHash, 'the log is the same, only the link differs');
  const t = await trackerAt(a);
  assert.equal(await t.accept(await root(2, 5, { previous: await link(1, 9) })), 'unchanged');
  const e = await t.accept(b).catch((x) => x);
  assert.equal(e.problem, 'EQUIVOCATION');
  assert.deepEqual({ ...e.equivocation.first.previous }, await link(1, 9));
  assert.deepEqual({ ...e.equivocation.second.previous }, await link(1, 8));
  const checked = await verifyEquivocationProof(JSON.stringify(e.equivocation), CREATOR.pub);
  assert.equal(checked.type, 'MANIFEST_ROOT');
  assert.equal(t.last.previous.treeSize, 9);
});

test('epoch link: where the accepted log ended is a linked new epoch', async () => {
  const t = await trackerAt(await root(1, 9));
  assert.equal(await t.accept(await root(2, 3, { previous: await link(1, 9) })), 'new-epoch');
  assert.equal(t.last.epoch, 2);
  // An empty old epoch links with size 0 and the empty-tree hash.
  const e = await trackerAt(await root(1, 0, { windowSize: 0 }));
  assert.equal(await e.accept(await root(2, 3, { previous: await link(1, 0) })), 'new-epoch');
});

test('epoch link below the accepted size (dropped entries) or at it with another hash (replaced): EQUIVOCATION (L, N)', async () => {
  for (const [name, previous] of [
    ['dropped', await link(1, 7)],
    ['replaced', { ...(await link(1, 9)), rootHash: (await root(1, 9, { forkAt: 2 })).rootHash }],
    ['dropped to nothing', await link(1, 0)],
  ]) {
    const l = await root(1, 9);
    const t = await trackerAt(l);
    const n = await root(2, 3, { previous });
    const e = await t.accept(n).catch((x) => x);
    assert.equal(e.problem, 'EQUIVOCATION', name);
    assert.equal(e.equivocation.first.epoch, 1);
    assert.equal(e.equivocation.first.rootHash, l.rootHash);
    assert.equal(e.equivocation.second.epoch, 2);
    assert.equal((await verifyEquivocationProof(JSON.stringify(e.equivocation), CREATOR.pub)).type, 'MANIFEST_ROOT');
    assert.equal(t.last, l, `${name}: nothing accepted`);
  }
});

test('epoch link beyond the accepted size: GAP, closed by walking the old epoch to the link', async () => {
  const l = await root(1, 6);
  const n = await root(2, 3, { previous: await link(1, 9) });
  assert.equal(await outcome((await trackerAt(l)).accept(n)), 'GAP', 'nothing to walk with');
  const old = [await root(1, 7, { fromSize: 6 }), await root(1, 8, { fromSize: 7 }), await root(1, 9, { fromSize: 8 })];
  const { asked, fetchRoot } = source(old);
  const t = await trackerAt(l);
  assert.equal(await t.accept(n, { fetchRoot }), 'new-epoch');
  assert.deepEqual(asked, ['1-7', '1-8', '1-9']);
  assert.equal(t.last, n);
});

test('a walk ending on another hash than the link: EQUIVOCATION (that root, N)', async () => {
  const forkedEnd = (await root(1, 9, { forkAt: 8 })).rootHash;
  const n = await root(2, 3, { previous: { ...(await link(1, 9)), rootHash: forkedEnd } });
  const old = [await root(1, 7, { fromSize: 6 }), await root(1, 8, { fromSize: 7 }), await root(1, 9, { fromSize: 8 })];
  const t = await trackerAt(await root(1, 6));
  const e = await t.accept(n, source(old)).catch((x) => x);
  assert.equal(e.problem, 'EQUIVOCATION');
  assert.equal(e.equivocation.first.treeSize, 9);
  assert.equal(e.equivocation.first.rootHash, old[2].rootHash);
  assert.equal(e.equivocation.second.epoch, 2);
  assert.equal(t.last.treeSize, 9, 'the walked roots stay accepted');
  await verifyEquivocationProof(JSON.stringify(e.equivocation), CREATOR.pub);
});

test('a walk served a root of another position is UNAVAILABLE; too long a walk restarts from N', async () => {
  const n = await root(2, 3, { previous: await link(1, 9) });
  const t = await trackerAt(await root(1, 6));
  const wrong = async () => root(1, 8, { fromSize: 7 });
  assert.equal(await outcome(t.accept(n, { fetchRoot: wrong })), 'UNAVAILABLE');
  const far = await trackerAt(await root(1, 6));
  const { asked, fetchRoot } = source([]);
  assert.equal(await far.accept(n, { fetchRoot, maxFetches: 2 }), 'restarted');
  assert.deepEqual(asked, []);
  assert.equal(far.last, n);
  // Three roots to walk with a bound of 3 is still walked.
  const old = [await root(1, 7, { fromSize: 6 }), await root(1, 8, { fromSize: 7 }), await root(1, 9, { fromSize: 8 })];
  assert.equal(await (await trackerAt(await root(1, 6))).accept(n, { ...source(old), maxFetches: 3 }), 'new-epoch');
});

test('a skipped epoch restarts from N; an older epoch afterwards is a ROLLBACK', async () => {
  const t = await trackerAt(await root(1, 9));
  const three = await root(3, 4, { previous: await link(2, 0) });
  assert.equal(await t.accept(three), 'restarted');
  assert.equal(t.last, three);
  assert.equal(await outcome(t.accept(await root(2, 5, { previous: await link(1, 9) }))), 'ROLLBACK');
  assert.equal(await outcome(t.accept(await root(1, 9))), 'ROLLBACK');
});
