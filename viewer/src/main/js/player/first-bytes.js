// The signed files a node or relay put into the watch page it served (app FirstBytes.java): the
// announce and the first rendition's manifest, as base64url in a JSON data block, keyed by their path
// under the origin. They stand in for the page's first two requests to that same origin and are
// verified like any fetched bytes; anything malformed here is ignored and those files are fetched.

import { decodeBase64Url } from '../trust/base64url.js';

export const FIRST_BYTES_ID = 'ownerless-first-bytes';
/** More than a page carries (a 16 KB announce and a 64 KB manifest, base64url): reading it costs little. */
const TEXT_LIMIT = 256 * 1024;
const PATH = /^streams\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+\/(?:[A-Za-z0-9_-]+\/manifest|announce)\.json$/;

/** URL (under `base`, the page's own origin) -> bytes the page carries; empty if it carries none. */
export function firstBytesOf(doc, base) {
  const given = new Map();
  const text = doc?.getElementById?.(FIRST_BYTES_ID)?.textContent;
  if (!base || typeof text !== 'string' || text.length > TEXT_LIMIT) return given;
  try {
    const files = JSON.parse(text);
    for (const [path, value] of Object.entries(files ?? {})) {
      if (PATH.test(path)) given.set(base + path, decodeBase64Url(value));
    }
  } catch {
    return new Map();
  }
  return given;
}
