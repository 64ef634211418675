// SHA-256 through WebCrypto, present in browsers (secure contexts) and Node ≥ 19 as
// globalThis.crypto.subtle. No sync SHA-256 is installed, so hashing is async everywhere.

import { asUint8 } from './bytes.js';

function subtle() {
  const s = globalThis.crypto?.subtle;
  if (!s) {
    // Browsers hide crypto.subtle outside secure contexts (plain http:// pages other than localhost).
    throw new Error('WebCrypto (crypto.subtle) is unavailable: the viewer must run in a secure context');
  }
  return s;
}

/** SHA-256 of bytes (Uint8Array / ArrayBuffer / view; views are hashed in place, never copied). */
export async function sha256(bytes) {
  return new Uint8Array(await subtle().digest('SHA-256', bytes instanceof ArrayBuffer ? bytes : asUint8(bytes)));
}
