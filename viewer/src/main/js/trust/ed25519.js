// Ed25519 verification (RFC 8032, pure) for protocol §1. Two backends give the same answers:
// WebCrypto where the platform has Ed25519 (Node ≥ 18.4, Chromium ≥ 137, Firefox, Safari), and
// @noble/ed25519 (audited, pure JS) everywhere else. Both are wrapped in the same strict checks so
// that no backend difference can change a verdict:
//   * lengths: a 32-byte key and a 64-byte signature, otherwise false;
//   * S must be below the group order L (no S+L malleability); checked here before any backend,
//     because WebCrypto implementations have differed on this;
//   * noble runs with zip215:false, i.e. RFC 8032 / FIPS 186-5 rules, not ZIP-215.

import * as noble from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { asUint8 } from './bytes.js';

// noble hashes through WebCrypto by default, which plain-http pages do not have; give it a pure
// SHA-512 there so the fallback backend works exactly where it is needed most.
noble.hashes.sha512 = sha512;
if (!globalThis.crypto?.subtle) {
  noble.hashes.sha512Async = (m) => Promise.resolve(sha512(m));
}

// L = 2^252 + 27742317777372353535851937790883648493, little-endian, as in the signature's S half.
const L_LE = new Uint8Array([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
]);

/** True when S (bytes 32..63, little-endian) is < L: the only S RFC 8032 §5.1.7 accepts. */
export function isCanonicalS(signature) {
  for (let i = 31; i >= 0; i--) {
    const s = signature[32 + i];
    if (s !== L_LE[i]) return s < L_LE[i];
  }
  return false; // S == L
}

function shapeOk(key, sig) {
  return key.length === 32 && sig.length === 64 && isCanonicalS(sig);
}

/** @noble/ed25519 in strict RFC 8032 mode. Resolves false rather than rejecting. */
export async function verifyEd25519Noble(publicKey, message, signature) {
  const key = asUint8(publicKey);
  const msg = asUint8(message);
  const sig = asUint8(signature);
  if (!shapeOk(key, sig)) return false;
  try {
    return await noble.verifyAsync(sig, msg, key, { zip215: false });
  } catch {
    return false;
  }
}

/** WebCrypto Ed25519. Resolves false for any refusal (including a key the platform cannot import). */
export async function verifyEd25519WebCrypto(publicKey, message, signature) {
  const key = asUint8(publicKey);
  const msg = asUint8(message);
  const sig = asUint8(signature);
  if (!shapeOk(key, sig)) return false;
  try {
    const k = await subtle().importKey('raw', key, { name: 'Ed25519' }, false, ['verify']);
    return await subtle().verify({ name: 'Ed25519' }, k, sig, msg);
  } catch {
    return false;
  }
}

function subtle() {
  return globalThis.crypto?.subtle;
}

// RFC 8032 §7.1 test 1: a known-good key, signature and (empty) message, to probe real support
// once. Probing with importKey alone is not enough: some platforms import and then cannot verify.
const PROBE = {
  key: hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'),
  sig: hex(
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  ),
};

let backendPromise = null;
let forced = null;

/**
 * Pins the backend every verification in this library uses ('noble' or 'webcrypto'), or restores
 * the probed choice with null. For tests that must hold both backends to the same vectors.
 */
export function setEd25519Backend(name) {
  if (name !== null && name !== 'noble' && name !== 'webcrypto') {
    throw new TypeError(`unknown Ed25519 backend: ${name}`);
  }
  forced = name;
}

/** Which backend the default verifier uses: 'webcrypto' or 'noble' (probed once, then cached). */
export function ed25519Backend() {
  if (forced !== null) return Promise.resolve(forced);
  if (backendPromise === null) {
    backendPromise = (async () => {
      try {
        if (subtle() && (await verifyEd25519WebCrypto(PROBE.key, new Uint8Array(0), PROBE.sig))) {
          return 'webcrypto';
        }
      } catch {
        // fall through: no usable WebCrypto Ed25519
      }
      return 'noble';
    })();
  }
  return backendPromise;
}

/**
 * verifyEd25519(publicKey, message, signature) → Promise<boolean>: RFC 8032 verification with the
 * best available backend. All arguments are bytes (Uint8Array / ArrayBuffer / view).
 * `verifyEd25519.withBackend('noble' | 'webcrypto')` returns the function pinned to one backend,
 * so tests can hold both to the same vectors.
 */
export async function verifyEd25519(publicKey, message, signature) {
  const backend = await ed25519Backend();
  return backend === 'webcrypto'
    ? verifyEd25519WebCrypto(publicKey, message, signature)
    : verifyEd25519Noble(publicKey, message, signature);
}

verifyEd25519.withBackend = (name) => {
  if (name === 'noble') return verifyEd25519Noble;
  if (name === 'webcrypto') return verifyEd25519WebCrypto;
  throw new TypeError(`unknown Ed25519 backend: ${name}`);
};

function hex(text) {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.substr(2 * i, 2), 16);
  return out;
}
