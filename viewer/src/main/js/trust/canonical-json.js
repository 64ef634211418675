// RFC 8785 JSON Canonicalization Scheme for the value model of protocol §2.1. Signatures cover
// these bytes, so the signer and every verifier agree byte for byte whatever a transport did to
// whitespace, key order or escaping. JCS is defined in terms of ECMAScript's JSON.stringify for
// strings and numbers, so the browser's own serializer is the reference implementation here.

import { isWellFormedString } from './strict-json.js';

const ENCODER = new TextEncoder();
// Values come from the strict parser (depth ≤ 16) or from this library; the bound only stops a
// caller's cyclic or absurd structure from recursing forever.
const MAX_DEPTH = 64;

/** The canonical JSON text of a value of the restricted model. Throws TypeError outside it. */
export function canonicalJson(value) {
  return write(value, 0);
}

/** The canonical JSON as UTF-8 bytes: what §2.2 puts after the signing prefix. */
export function canonicalJsonBytes(value) {
  return ENCODER.encode(canonicalJson(value));
}

function write(value, depth) {
  if (depth > MAX_DEPTH) {
    throw new TypeError('value nested too deeply to canonicalize');
  }
  switch (typeof value) {
    case 'string':
      return string(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // Only safe integers exist in the model; for them ECMAScript's Number-to-String is the
      // plain decimal JCS requires, and -0 becomes "0".
      if (!Number.isSafeInteger(value)) {
        throw new TypeError(`not a safe integer: ${value}`);
      }
      return String(value);
    case 'object': {
      if (value === null) {
        throw new TypeError('null is not part of the signed-object model');
      }
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += write(value[i], depth + 1);
        }
        return out + ']';
      }
      // Default sort compares UTF-16 code units, exactly RFC 8785 §3.2.3's order.
      const keys = Object.keys(value).sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        if (i > 0) out += ',';
        out += string(keys[i]) + ':' + write(value[keys[i]], depth + 1);
      }
      return out + '}';
    }
    default:
      throw new TypeError(`${typeof value} is not part of the signed-object model`);
  }
}

function string(s) {
  // TextEncoder would turn a lone surrogate into U+FFFD and sign different bytes than Java.
  if (!isWellFormedString(s)) {
    throw new TypeError('string contains an unpaired UTF-16 surrogate');
  }
  return JSON.stringify(s); // ES2019 escaping = RFC 8785 §3.2.2.2
}
