// The P2P engine's HTTP side for one stream: which origin each try goes to, what it may cost, and what
// a failed try means. Every try of a segment is bounded by the signed entry (size and duration, via
// engine-fetch.js); any failure of a try — an HTTP error, a deadline, a truncated, oversize or wrong
// body — counts against the origin it went to, so the engine's next try (it retries
// httpErrorRetries times) goes to the next origin of the signed announce.
//
// A try always asks for the whole segment, never a Range to resume where a failed try stopped: the
// engine then drops the bytes it kept (a 200 answer to its resume), so bytes from two origins never
// mix and a wrong body is always the fault of the origin that sent it.

import { boundRequest } from './engine-fetch.js';
import { segmentBudget } from './segment-budget.js';

export class EngineHttp {
  constructor(session, verifier) {
    this.session = session;
    this.verifier = verifier;
    this.pending = new Map(); // virtual URL -> origin base of its try in flight
  }

  /**
   * The engine's httpRequestSetup. Throws (a failed try, nothing fetched) for a segment nobody signed,
   * and for an LL-HLS part: the engine only knows whole segments (it registers hls.js's fragments, not
   * its parts), and a part must never enter its store, from which peers are served.
   */
  async requestSetup(segmentUrl, segmentByteRange, signal) {
    const entry = await this.verifier.signedEntry(segmentUrl, 'http');
    if (entry?.part) throw new Error(`${segmentUrl} is a part: the player's loader fetches it, not the P2P engine`);
    const target = entry && this.session.originUrlFor(segmentUrl);
    if (!target) throw new Error(`no signed entry for ${segmentUrl}`);
    this.pending.set(segmentUrl, target.base);
    const request = new Request(target.url, { signal, credentials: 'omit', cache: 'default' });
    return boundRequest(request, segmentBudget(entry));
  }

  /** The engine's validateHTTPSegment: a complete body that is not the signed one marks its origin bad. */
  async validate(url, byteRange, data) {
    const ok = await this.verifier.verify(url, data, 'http');
    const base = this.pending.get(url);
    this.pending.delete(url);
    if (!ok && base) this.session.origins.markBad(base, 'served a segment that is not the signed one');
    return ok;
  }

  /** The engine's onSegmentError: every other failed HTTP try counts against its origin too. */
  failed({ segment, error, downloadSource }) {
    if (downloadSource !== 'http') return;
    const base = this.pending.get(segment.url);
    this.pending.delete(segment.url);
    const why = [error?.type, error?.message].filter(Boolean).join(': ') || 'failed';
    if (base) this.session.origins.markBad(base, `segment try failed (${why})`);
  }
}
