// SHA-256 of segments, leaves and tree nodes. WebCrypto where the page has it (secure contexts:
// https, localhost); @noble/hashes otherwise, since browsers hide crypto.subtle from plain-http pages
// and a node on a LAN address is often reached that way. Same bytes in, same digest out.

import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { asUint8 } from './bytes.js';

/** SHA-256 of bytes (Uint8Array / ArrayBuffer / view; views are hashed in place, never copied). */
export async function sha256(bytes) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    return nobleSha256(asUint8(bytes));
  }
  return new Uint8Array(await subtle.digest('SHA-256', bytes instanceof ArrayBuffer ? bytes : asUint8(bytes)));
}
