// The page's first two requests, sent while the player's code is still loading: the announce from the
// hint origin and, named by its first rendition, that rendition's manifest. Nothing here is trusted or
// verified: StreamTrust takes the bytes in place of its own first fetch of the same URL and verifies
// them exactly as if it had fetched them itself (a failed early fetch just means StreamTrust fetches).
// Reading the unverified announce only chooses which file to ask for; a lie there costs one request.

import { fetchBytes } from './bounded-fetch.js';
import { ANNOUNCE_LIMIT, JSON_LIMIT, JSON_TIMEOUT_MS } from './fetch-limits.js';
import { originBase } from './origins.js';
import { StreamAddress } from './stream-address.js';

/** A rendition name as the protocol allows it: safe to put in a URL path as it is. */
const RENDITION = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export class EarlyFetches {
  constructor() {
    this.pending = new Map(); // URL -> Promise of {bytes, maxBytes} or null
  }

  /** Starts both fetches for the stream the page was opened for ({pub, name, hint}). */
  static start({ pub, name, hint }) {
    const early = new EarlyFetches();
    const base = originBase(hint);
    if (!base) return early;
    const address = new StreamAddress(pub, name);
    const announce = early.fetch(base + address.originPath('announce.json'), ANNOUNCE_LIMIT);
    announce.then((got) => {
      const rendition = got && firstRendition(got.bytes);
      if (rendition) early.fetch(base + address.originPath(`${rendition}/manifest.json`), JSON_LIMIT);
    });
    return early;
  }

  fetch(url, maxBytes) {
    const got = fetchBytes(url, { maxBytes, timeoutMs: JSON_TIMEOUT_MS }).then(
      (bytes) => ({ bytes, maxBytes }),
      () => null,
    );
    this.pending.set(url, got);
    return got;
  }

  /**
   * The bytes fetched early for `url` (read at most `maxBytes`), once: a later read of the same URL
   * wants a newer copy. Resolves null when there is none or it failed.
   */
  async take(url, maxBytes) {
    const got = this.pending.get(url);
    if (!got) return null;
    this.pending.delete(url);
    const r = await got;
    return r && r.maxBytes <= maxBytes ? r.bytes : null;
  }
}

function firstRendition(bytes) {
  try {
    const name = JSON.parse(new TextDecoder().decode(bytes))?.renditions?.[0]?.name;
    return typeof name === 'string' && RENDITION.test(name) ? name : null;
  } catch {
    return null;
  }
}
