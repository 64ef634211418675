// Every case of docs/test-vectors/protocol.json, the file the Java verifier is held to as well,
// run under both Ed25519 backends. Verdicts are compared by problem name; "OK" means no error.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as noble from '@noble/ed25519';
import {
  AnnounceTracker,
  PROTOCOL_VERSION,
  RootTracker,
  TrustError,
  canonicalJson,
  checkSegment,
  encodeBase64Url,
  entryLeafHash,
  isStale,
  leafInput,
  parseStrictJson,
  readEnvelope,
  setEd25519Backend,
  signingInput,
  toHex,
  verifyAnnounce,
  verifyEquivocationProof,
  verifyManifest,
  verifyPart,
  verifySegment,
} from '../../../main/js/trust/index.js';
import { NOW_MS, hex, protocolVectors as V } from './helpers.js';

/** Runs `fn` and names its verdict: 'OK' or the TrustError problem (anything else is a bug). */
async function verdict(fn) {
  try {
    await fn();
    return 'OK';
  } catch (e) {
    if (e instanceof TrustError) return e.problem;
    throw e;
  }
}

// Each top-level entry of the file and how it is used here; an entry added to the file and not
// listed fails the coverage test, so no new category can be skipped silently.
const HANDLED = {
  description: 'text only (not a case)',
  protocolVersion: 'compared with PROTOCOL_VERSION',
  nowMs: 'the evaluation time of every announce case',
  keys: 'seeds re-derive the published keys',
  canonicalization: 'JCS byte-exact',
  signingInput: 'exact signing input',
  announces: 'verifyAnnounce verdicts',
  encodings: 'verifyAnnounce verdicts on exact bytes (other encodings, invalid UTF-8)',
  manifests: 'verifyManifest verdicts',
  rootSequences: 'RootTracker verdicts per step',
  announceSequences: 'AnnounceTracker verdicts per step',
  segments: 'checkSegment / verifySegment verdicts, leaf input and leaf hash',
  leaves: 'leafInput and entryLeafHash of TS and fMP4 (init-bound) entries',
  parts: 'verifyPart verdicts: LL-HLS part bytes against the signed part',
  freshness: 'verifyAnnounce and verifyManifest at nowMs, then isStale: OK or STALE',
  proofs: 'verifyEquivocationProof verdicts (pinned to pinnedKey when given)',
};

test('protocol.json: every category is handled and counted', (t) => {
  for (const k of Object.keys(V)) assert.ok(k in HANDLED, `unhandled vector category '${k}'`);
  const steps = (seqs) => seqs.reduce((n, s) => n + s.steps.length, 0);
  const counts = {
    keys: V.keys.length,
    canonicalization: V.canonicalization.length,
    signingInput: V.signingInput.length,
    announces: V.announces.length,
    encodings: V.encodings.length,
    manifests: V.manifests.length,
    rootSequences: `${V.rootSequences.length} sequences, ${steps(V.rootSequences)} steps`,
    announceSequences: `${V.announceSequences.length} sequences, ${steps(V.announceSequences)} steps`,
    segments: V.segments.length,
    leaves: V.leaves.length,
    parts: V.parts.length,
    freshness: V.freshness.length,
    proofs: V.proofs.length,
  };
  t.diagnostic(`protocol.json cases: ${JSON.stringify(counts)}`);
  for (const k of [
    'canonicalization',
    'signingInput',
    'announces',
    'encodings',
    'manifests',
    'rootSequences',
    'announceSequences',
    'segments',
    'parts',
    'freshness',
    'proofs',
  ]) {
    assert.ok(V[k].length > 0, `${k} is empty`);
  }
  assert.equal(V.protocolVersion, PROTOCOL_VERSION);
});

test('protocol.json keys: each seed derives its published public key', async () => {
  for (const k of V.keys) {
    assert.equal(encodeBase64Url(await noble.getPublicKeyAsync(hex(k.seedHex))), k.publicKey, k.name);
  }
});

test('protocol.json canonicalization: JCS output is byte-exact', () => {
  for (const v of V.canonicalization) {
    const canonical = canonicalJson(parseStrictJson(new TextEncoder().encode(v.input)));
    assert.equal(canonical, v.canonical, v.name);
    // and as a string input, not only bytes
    assert.equal(canonicalJson(parseStrictJson(v.input)), v.canonical, v.name);
  }
});

test('protocol.json signingInput: the exact bytes an Ed25519 signature covers', () => {
  for (const v of V.signingInput) {
    const env = readEnvelope(parseStrictJson(v.object));
    assert.equal(toHex(signingInput(env.type, env.body)), v.signingInputHex, v.name);
  }
});

for (const backend of ['webcrypto', 'noble']) {
  describe(`protocol.json verdicts with the ${backend} Ed25519 backend`, () => {
    before(() => setEd25519Backend(backend));
    after(() => setEd25519Backend(null));

    test('announces', async () => {
      for (const v of V.announces) {
        assert.equal(await verdict(() => verifyAnnounce(v.json, v.pinnedKey ?? null, NOW_MS)), v.expect, v.name);
        // bytes in, same verdict
        assert.equal(
          await verdict(() => verifyAnnounce(new TextEncoder().encode(v.json), v.pinnedKey ?? null, NOW_MS)),
          v.expect,
          `${v.name} (bytes)`,
        );
      }
    });

    test('encodings: the same bytes as the Java verifier reads', async () => {
      for (const v of V.encodings) {
        assert.equal(await verdict(() => verifyAnnounce(hex(v.bytesHex), null, NOW_MS)), v.expect, v.name);
      }
    });

    test('manifests', async () => {
      for (const v of V.manifests) {
        assert.equal(await verdict(() => verifyManifest(v.json, { creator: v.pinnedKey ?? null })), v.expect, v.name);
      }
    });

    test('root sequences (RootTracker)', async () => {
      for (const seq of V.rootSequences) {
        const tracker = new RootTracker();
        for (const [i, step] of seq.steps.entries()) {
          const got = await verdict(async () => tracker.accept(await verifyManifest(step.json, { creator: null })));
          assert.equal(got, step.expect, `${seq.name}, step ${i}`);
        }
      }
    });

    test('freshness: a root below the announce logs, or too old while live, is STALE', async () => {
      for (const v of V.freshness) {
        const got = await verdict(async () => {
          const a = await verifyAnnounce(v.announce, null, v.nowMs);
          const m = await verifyManifest(v.manifest, { announce: a });
          if (isStale(m, a, v.nowMs)) throw new TrustError('STALE', 'stale');
        });
        assert.equal(got, v.expect, v.name);
      }
    });

    test('equivocation proofs', async () => {
      for (const v of V.proofs) {
        assert.equal(await verdict(() => verifyEquivocationProof(v.json, v.pinnedKey ?? null)), v.expect, v.name);
      }
    });

    test('announce sequences (AnnounceTracker)', async () => {
      for (const seq of V.announceSequences) {
        let tracker = null;
        for (const [i, step] of seq.steps.entries()) {
          const a = await verifyAnnounce(step.json, null, NOW_MS); // every step is individually valid
          tracker ??= new AnnounceTracker({ creator: a.creator, name: a.name });
          assert.equal(await verdict(() => tracker.accept(a, NOW_MS)), step.expect, `${seq.name}, step ${i}`);
        }
      }
    });
  });
}

test('protocol.json leaves: TS and fMP4 entries give the published leaf inputs and leaf hashes', async () => {
  for (const v of V.leaves) {
    const entry = {
      index: v.index,
      sha256: v.sha256,
      size: v.size,
      durationUs: v.durationUs,
      discontinuity: v.discontinuity,
      init: v.init ?? null,
    };
    assert.equal(toHex(leafInput(entry)), v.leafInputHex, v.name);
    assert.equal(toHex(await entryLeafHash(entry)), v.leafHash, v.name);
  }
});

test('protocol.json segments: verdicts, leaf input and leaf hash', async () => {
  for (const v of V.segments) {
    // The entry the Java test builds: index 4 of the fixture log.
    const entry = {
      index: 4,
      uri: 'seg-000004.ts',
      durationUs: 2000000,
      sha256: v.sha256,
      size: v.size,
      discontinuity: false,
    };
    const bytes = hex(v.bytesHex);
    assert.equal(await verdict(() => verifySegment(entry, bytes)), v.expect, v.name);
    assert.equal(await checkSegment(entry, bytes), v.expect === 'OK', v.name);
    assert.equal(await checkSegment(entry, bytes.buffer), v.expect === 'OK', `${v.name} (ArrayBuffer)`);
    assert.equal(toHex(leafInput(entry)), v.leafInputHex, v.name);
    assert.equal(toHex(await entryLeafHash(entry)), v.leafHash, v.name);
  }
});

test('protocol.json parts: verdicts of part bytes against the signed part', async () => {
  for (const v of V.parts) {
    // The part the Java test builds: its uri, sha256 and size.
    const part = { uri: v.uri, durationUs: 500000, sha256: v.sha256, size: v.size, independent: true, init: null };
    assert.equal(await verdict(() => verifyPart(part, hex(v.bytesHex))), v.expect, v.name);
  }
});
