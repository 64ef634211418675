// MANIFEST_ROOT field rules (§4.3), stream checks, and the RootTracker (§4.4) beyond the shared
// vectors: explicit proofs bound to the signed sizes, gap walking through fetched roots, epochs,
// equivocation proofs.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  RootTracker,
  TrustError,
  entryLeafHash,
  manifestEntry,
  manifestEntryByUri,
  toHex,
  verifyAnnounce,
  verifyManifest,
} from '../../../main/js/trust/index.js';
import {
  CREATOR,
  NOW_MS,
  OTHER,
  announceBody,
  consistencyPath,
  fixtureLeafHashes,
  frontierOf,
  link,
  manifestBody,
  merkleTreeHash,
  protocolVectors,
  rebind,
  signText,
} from './helpers.js';

async function verdict(fn) {
  try {
    await fn();
    return 'OK';
  } catch (e) {
    if (e instanceof TrustError) return e.problem;
    throw e;
  }
}

const pinned = { creator: CREATOR.pub };
const root = async (epoch, size, windowSize, fromSize, mutate = () => {}, signer = CREATOR) => {
  const body = await manifestBody(epoch, size, windowSize, fromSize, signer);
  mutate(body);
  return verifyManifest(await signText(body, signer), { creator: signer.pub });
};

test('the JS fixtures reproduce the Java-signed manifests byte for byte (leaf input, tree, proofs, JCS)', async () => {
  const valid = protocolVectors.manifests.find((v) => v.name === 'valid manifest').json;
  assert.equal(await signText(await manifestBody(1, 9, 3, 6)), valid);
  const growing = protocolVectors.rootSequences[0].steps;
  const params = [
    [1, 3, 3, 0],
    [1, 4, 3, 3],
    [1, 8, 3, 4],
    [1, 33, 3, 8],
  ];
  for (const [i, p] of params.entries())
    assert.equal(await signText(await manifestBody(...p)), growing[i].json, `step ${i}`);
});

test('a verified root has the documented shape and is frozen', async () => {
  const r = await root(1, 9, 3, 6);
  assert.equal(r.type, 'MANIFEST_ROOT');
  assert.equal(r.creator, CREATOR.pub);
  assert.equal(r.creatorKey.length, 32);
  assert.equal(r.name, 'demo');
  assert.equal(r.rendition, 'src');
  assert.equal(r.epoch, 1);
  assert.equal(r.treeSize, 9);
  assert.match(r.rootHash, /^[0-9a-f]{64}$/);
  assert.equal(r.timeMs, 1764000018000);
  assert.deepEqual(
    r.window.map((e) => e.index),
    [6, 7, 8],
  );
  assert.deepEqual(Object.keys(r.window[0]).sort(), [
    'discontinuity',
    'durationUs',
    'index',
    'init',
    'sha256',
    'size',
    'uri',
  ]);
  assert.equal(r.window[0].init, null); // a TS entry
  assert.deepEqual(r.inits, []);
  assert.equal(r.consistency.fromSize, 6);
  assert.equal(r.consistency.path.length, 4);
  assert.ok(
    Object.isFrozen(r) &&
      Object.isFrozen(r.window) &&
      Object.isFrozen(r.window[0]) &&
      Object.isFrozen(r.consistency.path),
  );
  assert.equal(manifestEntry(r, 7).uri, 'seg-000007.ts');
  assert.equal(manifestEntry(r, 5), null);
  assert.equal(manifestEntry(r, 9), null);
  assert.equal(manifestEntryByUri(r, 'seg-000008.ts').index, 8);
  assert.equal(manifestEntryByUri(r, 'seg-000005.ts'), null);
});

test('field rules of §4.3 that are accepted', async () => {
  const nineFrontier = (await frontierOf(await fixtureLeafHashes(9), 9)).map(toHex);
  const ok = [
    [
      'empty log',
      (b) => {
        b.treeSize = 0;
        b.window = [];
        b.rootHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
        b.frontier = [];
        delete b.consistency;
      },
    ],
    [
      'empty window (the root is the frontier folded right to left)',
      (b) => {
        b.window = [];
        b.frontier = nineFrontier;
      },
    ],
    [
      'proof from the same size',
      (b) => {
        b.consistency = { fromSize: 9, path: [] };
      },
    ],
    [
      'uri with no extension',
      (b) => {
        b.window[0].uri = 'segment6';
      },
    ],
    [
      'uri with an 8-character extension',
      (b) => {
        b.window[0].uri = 'a.abcdefgh';
      },
    ],
    [
      'size 2^32',
      (b) => {
        b.window[0].size = 2 ** 32;
      },
    ],
    [
      'duration one hour',
      (b) => {
        b.window[0].durationUs = 3_600_000_000;
      },
    ],
    [
      'discontinuity',
      (b) => {
        b.window[0].discontinuity = true;
      },
    ],
  ];
  for (const [name, mutate] of ok) {
    const body = await manifestBody(1, 9, 3, 6);
    mutate(body);
    await rebind(body); // an edited window hashes to another root: the signer would sign that one
    assert.equal(await verdict(async () => verifyManifest(await signText(body), pinned)), 'OK', name);
  }
});

test('field rules of §4.3 that are MALFORMED', async () => {
  const hex64 = 'ab'.repeat(32);
  const bad = [
    [
      'unknown top-level field',
      (b) => {
        b.extra = 1;
      },
    ],
    [
      'unknown entry field',
      (b) => {
        b.window[1].key = 'x';
      },
    ],
    [
      'unknown consistency field',
      (b) => {
        b.consistency.toSize = 9;
      },
    ],
    [
      'missing rootHash',
      (b) => {
        delete b.rootHash;
      },
    ],
    [
      'missing window',
      (b) => {
        delete b.window;
      },
    ],
    [
      'missing entry discontinuity',
      (b) => {
        delete b.window[0].discontinuity;
      },
    ],
    [
      'epoch 0',
      (b) => {
        b.epoch = 0;
      },
    ],
    [
      'negative treeSize',
      (b) => {
        b.treeSize = -1;
      },
    ],
    [
      'uppercase rootHash',
      (b) => {
        b.rootHash = b.rootHash.toUpperCase();
      },
    ],
    [
      'short rootHash',
      (b) => {
        b.rootHash = b.rootHash.slice(2);
      },
    ],
    [
      'long rootHash',
      (b) => {
        b.rootHash += '00';
      },
    ],
    [
      'negative timeMs',
      (b) => {
        b.timeMs = -1;
      },
    ],
    [
      'bad rendition name',
      (b) => {
        b.rendition = 'Src';
      },
    ],
    [
      'bad stream name',
      (b) => {
        b.name = 'a/b';
      },
    ],
    [
      'window longer than the log',
      (b) => {
        b.treeSize = 2;
        delete b.consistency;
      },
    ],
    [
      'window not ending at treeSize - 1',
      (b) => {
        b.treeSize = 10;
        delete b.consistency;
      },
    ],
    [
      'window with a hole',
      (b) => {
        b.window.splice(1, 1);
      },
    ],
    [
      'window out of order',
      (b) => {
        b.window.reverse();
      },
    ],
    [
      'window entry index repeated',
      (b) => {
        b.window[1].index = 6;
      },
    ],
    [
      'uri escaping the directory',
      (b) => {
        b.window[0].uri = '../../announce.json';
      },
    ],
    [
      'uri with a slash',
      (b) => {
        b.window[0].uri = 'a/b.ts';
      },
    ],
    [
      'uri starting with a dot',
      (b) => {
        b.window[0].uri = '.hidden';
      },
    ],
    [
      'uri with two extensions',
      (b) => {
        b.window[0].uri = 'a.b.ts';
      },
    ],
    [
      'uri with a query',
      (b) => {
        b.window[0].uri = 'a.ts?x=1';
      },
    ],
    [
      'absolute uri',
      (b) => {
        b.window[0].uri = 'https://evil.example/a.ts';
      },
    ],
    [
      'uri with 9-character extension',
      (b) => {
        b.window[0].uri = 'a.abcdefghi';
      },
    ],
    [
      'duration 0',
      (b) => {
        b.window[0].durationUs = 0;
      },
    ],
    [
      'duration above one hour',
      (b) => {
        b.window[0].durationUs = 3_600_000_001;
      },
    ],
    [
      'size 0',
      (b) => {
        b.window[0].size = 0;
      },
    ],
    [
      'size above 2^32',
      (b) => {
        b.window[0].size = 2 ** 32 + 1;
      },
    ],
    [
      'uppercase sha256',
      (b) => {
        b.window[0].sha256 = b.window[0].sha256.toUpperCase();
      },
    ],
    [
      'discontinuity as 0',
      (b) => {
        b.window[0].discontinuity = 0;
      },
    ],
    [
      'entry not an object',
      (b) => {
        b.window[0] = 6;
      },
    ],
    [
      'consistency fromSize 0',
      (b) => {
        b.consistency.fromSize = 0;
      },
    ],
    [
      'consistency fromSize above treeSize',
      (b) => {
        b.consistency.fromSize = 10;
      },
    ],
    [
      'consistency path of 65',
      (b) => {
        b.consistency.path = Array(65).fill(hex64);
      },
    ],
    [
      'consistency path element uppercase',
      (b) => {
        b.consistency.path[0] = b.consistency.path[0].toUpperCase();
      },
    ],
    [
      'consistency path element short',
      (b) => {
        b.consistency.path[0] = 'ab';
      },
    ],
    [
      'consistency on an empty log',
      (b) => {
        b.treeSize = 0;
        b.window = [];
        b.consistency = { fromSize: 1, path: [] };
      },
    ],
    [
      'consistency without path',
      (b) => {
        delete b.consistency.path;
      },
    ],
  ];
  for (const [name, mutate] of bad) {
    const body = await manifestBody(1, 9, 3, 6);
    mutate(body);
    assert.equal(await verdict(async () => verifyManifest(await signText(body), pinned)), 'MALFORMED', name);
  }
});

test('a full 8192-entry window is accepted, 8193 entries are refused', async () => {
  const body = await manifestBody(1, 9, 3, 0);
  const entry = body.window[0];
  const big = (n) => ({ ...body, treeSize: n, window: Array.from({ length: n }, (_, i) => ({ ...entry, index: i })) });
  const full = big(8192);
  full.frontier = [];
  full.rootHash = toHex(await merkleTreeHash(await Promise.all(full.window.map(entryLeafHash))));
  assert.equal(await verdict(async () => verifyManifest(await signText(full), pinned)), 'OK');
  assert.equal(await verdict(async () => verifyManifest(await signText(big(8193)), pinned)), 'MALFORMED');
});

test('stream checks: WRONG_KEY, WRONG_STREAM for name, rendition, or a rendition the announce does not list', async () => {
  const text = await signText(await manifestBody(1, 9, 3, 6));
  assert.equal(await verdict(() => verifyManifest(text, { creator: OTHER.pub })), 'WRONG_KEY');
  assert.equal(
    await verdict(() => verifyManifest(text, { creator: CREATOR.pub, name: 'demo', rendition: 'src' })),
    'OK',
  );
  assert.equal(await verdict(() => verifyManifest(text, { creator: CREATOR.pub, name: 'other' })), 'WRONG_STREAM');
  assert.equal(await verdict(() => verifyManifest(text, { creator: CREATOR.pub, rendition: '360p' })), 'WRONG_STREAM');
  const announce = await verifyAnnounce(await signText(announceBody(1)), CREATOR.pub, NOW_MS);
  assert.equal(await verdict(() => verifyManifest(text, { announce })), 'OK');
  assert.equal(await verdict(() => verifyManifest(text, { announce, rendition: 'src' })), 'OK');
  const b = announceBody(1);
  b.renditions = b.renditions.slice(1); // only 360p
  const narrow = await verifyAnnounce(await signText(b), CREATOR.pub, NOW_MS);
  assert.equal(await verdict(() => verifyManifest(text, { announce: narrow })), 'WRONG_STREAM');
  b.renditions = [];
  const open = await verifyAnnounce(await signText(b), CREATOR.pub, NOW_MS);
  assert.equal(await verdict(() => verifyManifest(text, { announce: open })), 'OK');
  b.name = 'other';
  const otherStream = await verifyAnnounce(await signText(b), CREATOR.pub, NOW_MS);
  assert.equal(await verdict(() => verifyManifest(text, { announce: otherStream })), 'WRONG_STREAM');
  // Tampered and pinned to another key: WRONG_KEY first, as in Java.
  const tampered = text.replace('"timeMs":1764000018000', '"timeMs":1764000018001');
  assert.notEqual(tampered, text);
  assert.equal(await verdict(() => verifyManifest(tampered, { creator: OTHER.pub })), 'WRONG_KEY');
  assert.equal(await verdict(() => verifyManifest(tampered, pinned)), 'BAD_SIGNATURE');
  // Signed by OTHER but naming CREATOR.
  const forged = await signText(await manifestBody(1, 9, 3, 6), OTHER);
  assert.equal(await verdict(() => verifyManifest(forged, pinned)), 'BAD_SIGNATURE');
  // An announce handed to verifyManifest as a manifest.
  assert.equal(await verdict(async () => verifyManifest(await signText(announceBody(1)), pinned)), 'MALFORMED');
});

test('RootTracker: first, extended, unchanged, new epoch, rollbacks, equivocation proof', async () => {
  const t = new RootTracker();
  assert.equal(t.last, null);
  assert.equal(await t.accept(await root(1, 5, 3, 0)), 'first');
  assert.equal(await t.accept(await root(1, 7, 3, 5)), 'extended');
  assert.equal(t.last.treeSize, 7);
  assert.equal(await t.accept(await root(1, 7, 3, 5)), 'unchanged');
  assert.equal(
    await t.accept(
      await root(1, 7, 3, 0, (b) => {
        b.timeMs += 1000;
      }),
    ),
    'unchanged',
  );
  assert.equal(t.last.timeMs, 1764000014000 + 1000); // the fresher signature of the same state is kept
  assert.equal(await verdict(async () => t.accept(await root(1, 6, 3, 5))), 'ROLLBACK');
  // A fork: entry 6 listed with other bytes, genuinely hashed into another root of the same size.
  const fork = await verifyManifest(await signText(await manifestBody(1, 7, 3, 0, CREATOR, null, 6)), pinned);
  const error = await t.accept(fork).then(
    () => null,
    (e) => e,
  );
  assert.equal(error.problem, 'EQUIVOCATION');
  assert.equal(error.equivocation.type, 'EQUIVOCATION_PROOF');
  assert.equal(error.equivocation.first.rootHash, t.last.rootHash);
  assert.equal(error.equivocation.second.rootHash, fork.rootHash);
  assert.notEqual(fork.rootHash, t.last.rootHash);
  // both halves re-verify as signed objects
  for (const half of [error.equivocation.first, error.equivocation.second]) {
    assert.equal((await verifyManifest(JSON.stringify(half), pinned)).treeSize, 7);
  }
  // The next epoch names where this one ended (size 7): linked.
  const ended = await link(1, 7);
  const linked = (b) => {
    b.previous = ended;
  };
  assert.equal(await t.accept(await root(2, 3, 3, 0, linked)), 'new-epoch');
  assert.equal(await verdict(async () => t.accept(await root(1, 9, 3, 7))), 'ROLLBACK');
  assert.equal(await t.accept(await root(2, 4, 3, 3, linked)), 'extended');
  // A growing log from the empty tree needs no proof.
  const e = new RootTracker();
  await e.accept(await root(1, 0, 0, 0));
  assert.equal(await e.accept(await root(1, 4, 3, 0)), 'extended');
});

test('RootTracker: WRONG_STREAM for another creator, stream or rendition', async () => {
  const t = new RootTracker();
  await t.accept(await root(1, 5, 3, 0));
  assert.equal(
    await verdict(async () =>
      t.accept(
        await root(1, 7, 3, 5, (b) => {
          b.rendition = '360p';
        }),
      ),
    ),
    'WRONG_STREAM',
  );
  assert.equal(
    await verdict(async () =>
      t.accept(
        await root(1, 7, 3, 5, (b) => {
          b.name = 'other';
        }),
      ),
    ),
    'WRONG_STREAM',
  );
  assert.equal(await verdict(async () => t.accept(await root(1, 7, 3, 5, () => {}, OTHER))), 'WRONG_STREAM');
  assert.equal(t.last.treeSize, 5);
});

test('RootTracker: GAP without a proof; an explicit proof must be bound to the two signed sizes', async () => {
  const leaves = await fixtureLeafHashes(33);
  const proof = async (m, n) => (await consistencyPath(leaves, m, n)).map(toHex);
  const t = new RootTracker();
  await t.accept(await root(1, 5, 3, 0));
  const nine = await root(1, 9, 3, 7); // carries 7 -> 9, useless from 5
  assert.equal(await verdict(() => t.accept(nine)), 'GAP');
  // A genuine proof, but for other sizes than the signed ones: refused even though it verifies for them.
  assert.equal(
    await verdict(async () => t.accept(nine, { proof: { fromSize: 7, treeSize: 9, path: await proof(7, 9) } })),
    'INCONSISTENT',
  );
  assert.equal(
    await verdict(async () => t.accept(nine, { proof: { fromSize: 5, treeSize: 8, path: await proof(5, 8) } })),
    'INCONSISTENT',
  );
  const wrong = await proof(5, 9);
  wrong[0] = 'cd'.repeat(32);
  assert.equal(
    await verdict(() => t.accept(nine, { proof: { fromSize: 5, treeSize: 9, path: wrong } })),
    'INCONSISTENT',
  );
  assert.equal(t.last.treeSize, 5);
  assert.equal(await t.accept(nine, { proof: { fromSize: 5, treeSize: 9, path: await proof(5, 9) } }), 'extended');
  assert.equal(t.last.treeSize, 9);
  // The carried proof is used only when it starts at our size; a larger root with a lying carried proof fails.
  // A fork of entry 2, carrying the fork's own (genuine) proof from size 9.
  const liar = await verifyManifest(await signText(await manifestBody(1, 12, 3, 9, CREATOR, null, 2)), pinned);
  assert.equal(await verdict(() => t.accept(liar)), 'INCONSISTENT');
});

test('RootTracker: a GAP is closed by fetching each intermediate root, as the Java StreamVerifier does', async () => {
  const published = new Map();
  for (let n = 6; n <= 8; n++) published.set(n, await root(1, n, 3, n - 1));
  const t = new RootTracker();
  await t.accept(await root(1, 5, 3, 0));
  const fetched = [];
  const fetchRoot = async (epoch, size) => {
    assert.equal(epoch, 1);
    fetched.push(size);
    if (!published.has(size)) throw new TrustError('UNAVAILABLE', `roots/${size}.json: 404`);
    return published.get(size);
  };
  assert.equal(await t.accept(await root(1, 9, 3, 8), { fetchRoot }), 'extended');
  assert.deepEqual(fetched, [6, 7, 8]);
  assert.equal(t.last.treeSize, 9);

  // A missing intermediate root: the fetch error surfaces; what was proven so far stays accepted.
  const t2 = new RootTracker();
  await t2.accept(await root(1, 5, 3, 0));
  published.delete(7);
  assert.equal(await verdict(async () => t2.accept(await root(1, 9, 3, 8), { fetchRoot })), 'UNAVAILABLE');
  assert.equal(t2.last.treeSize, 6);

  // A forged intermediate root (valid signature, rewritten history) is INCONSISTENT.
  const t3 = new RootTracker();
  await t3.accept(await root(1, 5, 3, 0));
  published.set(7, await verifyManifest(await signText(await manifestBody(1, 7, 3, 6, CREATOR, null, 1)), pinned));
  assert.equal(await verdict(async () => t3.accept(await root(1, 9, 3, 8), { fetchRoot })), 'INCONSISTENT');

  // Too many missing roots: the log restarts from the newer root at once, nothing fetched; an older
  // root afterwards is still a rollback.
  const t4 = new RootTracker();
  await t4.accept(await root(1, 5, 3, 0));
  fetched.length = 0;
  assert.equal(await t4.accept(await root(1, 33, 3, 8), { fetchRoot, maxFetches: 20 }), 'restarted');
  assert.deepEqual(fetched, []);
  assert.equal(t4.last.treeSize, 33);
  assert.equal(await verdict(async () => t4.accept(await root(1, 9, 3, 8), { fetchRoot, maxFetches: 20 })), 'ROLLBACK');
});

test('RootTracker: concurrent accepts are serialized', async () => {
  const t = new RootTracker();
  const roots = [await root(1, 3, 3, 0), await root(1, 4, 3, 3), await root(1, 8, 3, 4), await root(1, 33, 3, 8)];
  const results = await Promise.all(roots.map((r) => t.accept(r)));
  assert.deepEqual(results, ['first', 'extended', 'extended', 'extended']);
  assert.equal(t.last.treeSize, 33);
});
