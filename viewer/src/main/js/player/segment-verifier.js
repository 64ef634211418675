// The one place a segment's bytes are judged: length and SHA-256 against the entry the creator signed
// for that rendition and URI. Peers, origins and the loader all ask here; every answer is a boolean.
// An LL-HLS part (protocol §4.3) is judged the same way against its signed part, but only bytes from
// an origin count: peers exchange whole segments only, so a part offered by a peer is refused unseen.

import { Events } from './events.js';
import { FileKind, fileRefused } from './trust-verdict.js';
import { Problem, checkSegment, verifyPart } from './trust-api.js';

/** How long a segment may wait for a manifest that covers it before it is refused (NOT_COVERED). */
const COVER_WAIT_MS = 2500;

export class SegmentVerifier {
  constructor(address, streamTrust, bus) {
    this.address = address;
    this.trust = streamTrust;
    this.bus = bus;
  }

  /** True only if `data` is exactly the signed segment at `url`. Never throws. */
  async verify(url, data, source) {
    try {
      const entry = await this.signedEntry(url, source);
      if (!entry) return false;
      if (entry.part) {
        if (source === 'p2p') return this.refuse(url, source, Problem.NOT_COVERED, 'a part is never taken from a peer');
        await verifyPart(entry, data); // a mismatch throws SEGMENT_MISMATCH, refused below
      } else if (!(await checkSegment(entry, data))) {
        return this.refuse(
          url,
          source,
          Problem.SEGMENT_MISMATCH,
          `${data.byteLength} bytes that are not the signed segment`,
        );
      }
      this.bus.emit(Events.SEGMENT_VERIFIED, { url, bytes: data.byteLength, source, part: Boolean(entry.part) });
      return true;
    } catch (e) {
      return this.refuse(url, source, Problem.SEGMENT_MISMATCH, e.message);
    }
  }

  /**
   * The entry the creator signed for the segment at `url`, waiting a little for a manifest that
   * covers it; null (and a NOT_COVERED refusal) when there is none. Fetches are sized from it, so
   * nothing is downloaded for a segment nobody signed.
   */
  async signedEntry(url, source) {
    const where = this.address.parse(url);
    if (!where || where.kind !== 'segment') {
      this.refuse(url, source, Problem.NOT_COVERED, 'not a segment of this stream');
      return null;
    }
    const entry = await this.trust.entryWithin(where.rendition, where.epoch, where.uri, COVER_WAIT_MS);
    if (!entry) this.refuse(url, source, Problem.NOT_COVERED, 'no signed entry for this segment');
    return entry ?? null;
  }

  /**
   * The size a peer may send for the segment at `url`: its signed size if its entry is known now, else
   * 0 (no signature, no bytes). Also 0 for a part, which no peer may send.
   */
  signedSizeNow(url) {
    const where = this.address.parse(url);
    const entry = where?.kind === 'segment' ? this.trust.entry(where.rendition, where.epoch, where.uri) : null;
    return (entry && !entry.part && entry.size) || 0;
  }

  refuse(url, source, problem, message) {
    this.bus.emit(Events.FILE_REFUSED, fileRefused({ kind: FileKind.SEGMENT, file: url, source, problem, message }));
    return false;
  }
}
