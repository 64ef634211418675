// The envelope every signed object shares (protocol §2): a JSON object with `type`, `v` and `sig`,
// and the exact bytes the signature covers:
//     "ownerless-sig-v1" 0x00 TYPE 0x00 JCS(object without "sig")
// The prefix keeps ownerless signatures apart from any other use of the key, and TYPE keeps the
// object types apart, so no signature can be replayed as something else. Verifiers re-canonicalize
// what they parsed and never trust the received spelling.

import { decodeBase64Url } from './base64url.js';
import { concatBytes } from './bytes.js';
import { canonicalJsonBytes } from './canonical-json.js';
import { verifyEd25519 } from './ed25519.js';
import { isJsonObject } from './fields.js';
import { Problem, TrustError, malformed } from './problems.js';

export const PROTOCOL_VERSION = 2;
/**
 * Why a version 1 object is refused rather than read (protocol §9): its root does not bind the window
 * a player plays from, so reading it would keep the hole version 2 closes. The Java text, word for word.
 */
export const V1_REFUSED =
  'protocol version 1 is no longer accepted (version 1 roots do not bind their window): upgrade the node that signed it';
export const SIGNATURE_FIELD = 'sig';
export const SIGNATURE_LENGTH = 64;
const DOMAIN = new TextEncoder().encode('ownerless-sig-v1');
const TYPE = /^[A-Z][A-Z_]{0,31}$/;

/**
 * Checks the envelope of a parsed object (as the Java SignedObject.fromNode, in the same order):
 * a `type` of [A-Z][A-Z_]{0,31}, `v` equal to 2 (1 gets V1_REFUSED), a `sig` of exactly 64 strictly-encoded bytes.
 * Returns {type, body, signature}: `body` is a frozen copy without `sig`. Throws MALFORMED.
 */
export function readEnvelope(value) {
  if (!isJsonObject(value)) {
    throw malformed('a signed object must be a JSON object');
  }
  const type = value.type;
  if (typeof type !== 'string' || !TYPE.test(type)) {
    throw malformed("missing or invalid 'type' field");
  }
  const v = value.v;
  if (typeof v !== 'number') {
    throw malformed(`${type}: missing or invalid protocol version 'v'`);
  }
  if (v === 1) {
    throw malformed(`${type}: ${V1_REFUSED}`);
  }
  if (v !== PROTOCOL_VERSION) {
    throw malformed(`${type}: unsupported protocol version ${v} (this viewer speaks version ${PROTOCOL_VERSION})`);
  }
  const sig = value[SIGNATURE_FIELD];
  if (typeof sig !== 'string') {
    throw malformed(`${type}: missing signature field 'sig'`);
  }
  let signature;
  try {
    signature = decodeBase64Url(sig, SIGNATURE_LENGTH);
  } catch (e) {
    throw malformed(`${type}.sig: ${e.message}`);
  }
  const body = Object.create(null);
  for (const k of Object.keys(value)) {
    if (k !== SIGNATURE_FIELD) body[k] = value[k];
  }
  return { type, body: Object.freeze(body), signature };
}

/** The exact bytes an Ed25519 signature of an object of `type` with fields `body` (no sig) covers. */
export function signingInput(type, body) {
  if (!/^[\x20-\x7e]*$/.test(type)) {
    throw new TypeError('type must be ASCII');
  }
  return concatBytes(DOMAIN, [0], new TextEncoder().encode(type), [0], canonicalJsonBytes(body));
}

/**
 * Verifies the signature of a parsed signed object under `publicKey` (32 bytes).
 * Resolves to {type, body, signature} or rejects with TrustError: MALFORMED for a bad envelope or
 * a type other than `expectedType`, BAD_SIGNATURE when the signature does not verify.
 */
export async function verifySignedObject(parsedObject, expectedType, publicKey) {
  const envelope = readEnvelope(parsedObject);
  if (envelope.type !== expectedType) {
    throw malformed(`expected a ${expectedType}, got a ${envelope.type}`);
  }
  const ok = await verifyEd25519(publicKey, signingInput(envelope.type, envelope.body), envelope.signature);
  if (!ok) {
    throw new TrustError(Problem.BAD_SIGNATURE, `${envelope.type} signature does not verify under the creator key`);
  }
  return envelope;
}
