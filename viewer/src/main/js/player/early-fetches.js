// The page's first two requests, sent while the player's code is still loading: the announce from the
// hint origin and, named by its first rendition, that rendition's manifest. Nothing here is trusted or
// verified: StreamTrust takes the bytes in place of its own first fetch of the same URL and verifies
// them exactly as if it had fetched them itself (a failed early fetch just means StreamTrust fetches).
// Reading the unverified announce only chooses which file to ask for; a lie there costs one request.
// Bytes the page itself carries for those URLs (first-bytes.js) are taken instead of asking.

import { fetchBytes } from './bounded-fetch.js';
import { ANNOUNCE_LIMIT, JSON_LIMIT, JSON_TIMEOUT_MS } from './fetch-limits.js';
import { firstBytesOf } from './first-bytes.js';
import { originBase } from './origins.js';
import { StreamAddress } from './stream-address.js';

/** A rendition name as the protocol allows it: safe to put in a URL path as it is. */
const RENDITION = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export class EarlyFetches {
  constructor(given = new Map()) {
    this.pending = new Map(); // URL -> Promise of {bytes, maxBytes, carried} or null
    this.given = given;
  }

  /**
   * The page's early fetches for `stream`, opened at `loc` in document `doc`: the files the page
   * carries are its server's, so they stand in only when that server is the stream's hint.
   */
  static forPage(stream, loc, doc) {
    const base = originBase(stream.hint);
    const own = base !== null && base === originBase(loc.origin + '/');
    return EarlyFetches.start(stream, own ? firstBytesOf(doc, base) : new Map());
  }

  /**
   * Starts both fetches for the stream the page was opened for ({pub, name, hint}); `given`: URL ->
   * bytes the page carries, used instead of fetching those URLs.
   */
  static start({ pub, name, hint }, given = new Map()) {
    const early = new EarlyFetches(given);
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
    const given = this.given.get(url);
    const carried = given !== undefined && given.byteLength <= maxBytes;
    const got = (carried ? Promise.resolve(given) : fetchBytes(url, { maxBytes, timeoutMs: JSON_TIMEOUT_MS })).then(
      (bytes) => ({ bytes, maxBytes, carried }),
      () => null,
    );
    this.pending.set(url, got);
    return got;
  }

  /**
   * The bytes fetched early for `url` (read at most `maxBytes`), once: a later read of the same URL
   * wants a newer copy. Resolves {bytes, carried} (carried: the page had them, rather than the origin
   * answering this page now), or null when there are none or the fetch failed.
   */
  async take(url, maxBytes) {
    const got = this.pending.get(url);
    if (!got) return null;
    this.pending.delete(url);
    const r = await got;
    return r && r.maxBytes <= maxBytes ? { bytes: r.bytes, carried: r.carried } : null;
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
