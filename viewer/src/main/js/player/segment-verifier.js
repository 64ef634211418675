// The one place a segment's bytes are judged: length and SHA-256 against the entry the creator signed
// for that rendition and URI. Peers, origins and the loader all ask here; every answer is a boolean.

import { Events } from './events.js';
import { FileKind, fileRefused } from './trust-verdict.js';
import { Problem, checkSegment } from './trust-api.js';

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
    const refuse = (problem, message) => {
      this.bus.emit(Events.FILE_REFUSED, fileRefused({ kind: FileKind.SEGMENT, file: url, source, problem, message }));
      return false;
    };
    try {
      const where = this.address.parse(url);
      if (!where || where.kind !== 'segment') return refuse(Problem.NOT_COVERED, 'not a segment of this stream');
      const entry = await this.trust.entryWithin(where.rendition, where.uri, COVER_WAIT_MS);
      if (!entry) return refuse(Problem.NOT_COVERED, 'no signed entry for this segment');
      if (!(await checkSegment(entry, data))) {
        return refuse(Problem.SEGMENT_MISMATCH, `${data.byteLength} bytes that are not the signed segment`);
      }
      this.bus.emit(Events.SEGMENT_VERIFIED, { url, bytes: data.byteLength, source });
      return true;
    } catch (e) {
      return refuse(Problem.SEGMENT_MISMATCH, e.message);
    }
  }
}
