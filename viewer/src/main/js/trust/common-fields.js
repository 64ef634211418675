// The fields every signed object starts with: type, v, creator (an Ed25519 key) and the stream name.
// Read the same way for announces and manifests, so both refuse the same things with the same words.
import { Fields } from './fields.js';
import { STREAM_NAME, STREAM_RULE } from './names.js';
import { malformed } from './problems.js';
import { PROTOCOL_VERSION } from './signed-object.js';
import { parsePublicKey } from './public-key.js';

/** Returns the field reader (positioned after those fields) and the values read. */
export function readCommonFields(envelope, type) {
  if (envelope.type !== type) {
    throw malformed(`expected a ${type}, got a ${envelope.type}`);
  }
  const f = new Fields(envelope.body, type);
  f.string('type', 64);
  f.integer('v', PROTOCOL_VERSION, PROTOCOL_VERSION);
  const creator = f.string('creator', 64);
  let creatorKey;
  try {
    creatorKey = parsePublicKey(creator);
  } catch (e) {
    throw f.error('creator', `is not an Ed25519 public key: ${e.message}`);
  }
  const name = f.matching('name', STREAM_NAME, STREAM_RULE);
  return { f, creator, creatorKey, name };
}
