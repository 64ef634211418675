// The one place a segment's bytes are judged: length and SHA-256 against the entry the creator signed
// for that rendition and URI. Peers, origins and the loader all ask here; every answer is a boolean.

import { checkSegment } from './trust-api.js';

/** How long a segment may wait for a manifest that covers it before it is refused (NOT_COVERED). */
const COVER_WAIT_MS = 2500;

export class SegmentVerifier {
  constructor(address, streamTrust, stats) {
    this.address = address;
    this.trust = streamTrust;
    this.stats = stats;
  }

  /** True only if {@code data} is exactly the signed segment at {@code url}. Never throws. */
  async verify(url, data, source) {
    try {
      const where = this.address.parse(url);
      if (!where || where.kind !== 'segment') {
        this.stats.rejected(source, url, 'NOT_COVERED', 'not a segment of this stream');
        return false;
      }
      const entry = await this.trust.entryWithin(where.rendition, where.uri, COVER_WAIT_MS);
      if (!entry) {
        this.stats.rejected(source, url, 'NOT_COVERED', 'no signed entry for this segment');
        return false;
      }
      if (await checkSegment(entry, data)) return true;
      this.stats.rejected(source, url, 'SEGMENT_MISMATCH', `${data.byteLength} bytes that are not the signed segment`);
      return false;
    } catch (e) {
      this.stats.rejected(source, url, 'SEGMENT_MISMATCH', e.message);
      return false;
    }
  }
}
