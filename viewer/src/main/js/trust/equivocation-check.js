// Checks an EQUIVOCATION_PROOF (protocol §4.5) received as bytes, as the Java EquivocationProof.parse
// and `ownerless verify FILE` do: it is MALFORMED unless both objects parse, are signed by the key
// they name, and contradict each other in one of the ways of §4.5; only a valid proof can then
// be WRONG_KEY (signed by another key than the expected one: it says nothing about that stream).

import { readAnnounceFields, ANNOUNCE_TYPE } from './announce.js';
import { sameEpochLink } from './epoch-link.js';
import { EQUIVOCATION_PROOF_TYPE } from './equivocation.js';
import { Fields } from './fields.js';
import { MANIFEST_TYPE, readManifestFields } from './manifest.js';
import { PartsOrder, partsOrder } from './parts.js';
import { Problem, TrustError, malformed } from './problems.js';
import { expectedKeyText } from './public-key.js';
import { PROTOCOL_VERSION, readEnvelope, verifySignedObject } from './signed-object.js';
import { parseStrictJson } from './strict-json.js';

/**
 * Parses and checks a proof. `expectedCreator` (PUB text or 32 bytes, or null) pins the signer.
 * @returns Promise of {type: 'MANIFEST_ROOT' | 'STREAM_ANNOUNCE', first, second} (the parsed roots or
 *          announces, as readManifestFields / readAnnounceFields give them); rejects with TrustError
 *          MALFORMED or WRONG_KEY.
 */
export async function verifyEquivocationProof(text, expectedCreator = null) {
  const expected = expectedKeyText(expectedCreator);
  const f = new Fields(parseStrictJson(text), EQUIVOCATION_PROOF_TYPE);
  if (f.string('type', 64) !== EQUIVOCATION_PROOF_TYPE) throw malformed(`expected an ${EQUIVOCATION_PROOF_TYPE}`);
  f.integer('v', PROTOCOL_VERSION, PROTOCOL_VERSION);
  const firstJson = f.object('first').value;
  const secondJson = f.object('second').value;
  const first = readEnvelope(firstJson);
  const second = readEnvelope(secondJson);
  f.rejectUnknown();
  if (first.type !== second.type) throw notAnEquivocation('objects of different types');

  let a;
  let b;
  if (first.type === MANIFEST_TYPE) {
    a = readManifestFields(first, firstJson);
    b = readManifestFields(second, secondJson);
  } else if (first.type === ANNOUNCE_TYPE) {
    a = readAnnounceFields(first, firstJson);
    b = readAnnounceFields(second, secondJson);
  } else {
    throw notAnEquivocation(`type ${first.type} cannot equivocate`);
  }
  await signedByItsCreator(firstJson, a);
  await signedByItsCreator(secondJson, b);
  const why = first.type === MANIFEST_TYPE ? rootsAgree(a, b) : announcesAgree(a, b);
  if (why !== null) throw notAnEquivocation(why);
  if (expected !== null && a.creator !== expected) {
    throw new TrustError(
      Problem.WRONG_KEY,
      `the equivocation proof's objects are signed by ${a.creator}, not by the pinned key ${expected}`,
    );
  }
  return { type: first.type, first: a, second: b };
}

async function signedByItsCreator(json, object) {
  try {
    await verifySignedObject(json, object.type, object.creatorKey);
  } catch (e) {
    if (e instanceof TrustError) throw notAnEquivocation('a signature does not verify');
    throw e;
  }
}

/** Null when roots `a` and `b` contradict each other (§4.5), else why they do not. */
function rootsAgree(a, b) {
  if (a.creator !== b.creator || a.name !== b.name || a.rendition !== b.rendition) {
    return 'roots of different logs';
  }
  if (a.epoch === b.epoch && a.treeSize === b.treeSize) {
    const sameLog = a.rootHash === b.rootHash && sameEpochLink(a.previous, b.previous);
    return sameLog && partsOrder(a.parts, b.parts) !== PartsOrder.FORK ? 'the roots agree' : null;
  }
  if (b.epoch === a.epoch + 1) {
    const link = b.previous;
    const contradicts = link.treeSize < a.treeSize || (link.treeSize === a.treeSize && link.rootHash !== a.rootHash);
    return contradicts ? null : "the second root's epoch starts where the first root's log may have ended";
  }
  return 'roots of different positions (and not of one epoch and the next)';
}

function announcesAgree(a, b) {
  if (a.creator !== b.creator || a.name !== b.name || a.seq !== b.seq) {
    return 'announces of different streams or sequence numbers';
  }
  return a.canonicalBody === b.canonicalBody ? 'the announces are identical' : null;
}

function notAnEquivocation(why) {
  return malformed(`not an equivocation: ${why}`);
}
