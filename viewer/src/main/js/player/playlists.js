// The playlists hls.js plays are written here from signed objects, not taken from an origin: the
// master from the announce's renditions, each media playlist from its manifest's window. An origin
// therefore cannot add, drop, reorder or retime a segment; it can only fail to serve one.

export function masterPlaylist(announce, address) {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3'];
  for (const r of announce.renditions) {
    const attrs = [`BANDWIDTH=${r.bandwidth}`];
    if (r.width > 0 && r.height > 0) attrs.push(`RESOLUTION=${r.width}x${r.height}`);
    if (r.codecs) attrs.push(`CODECS="${r.codecs}"`);
    attrs.push(`NAME="${r.name}"`);
    lines.push(`#EXT-X-STREAM-INF:${attrs.join(',')}`, address.mediaUrl(r.name));
  }
  return lines.join('\n') + '\n';
}

/**
 * Keeps EXT-X-DISCONTINUITY-SEQUENCE consistent across refreshes of one rendition: each time an
 * item written with a discontinuity slides out of the playlist, its tag leaves the playlist.
 * Items are EpochSequence's: {seq, discontinuity}.
 */
export class DiscontinuityCounter {
  constructor() {
    this.sequence = 0;
    this.flagged = new Set(); // sequence numbers of tagged items still in the last playlist
  }

  update(items) {
    const first = items.length ? items[0].seq : Infinity;
    for (const seq of [...this.flagged]) {
      if (seq < first) {
        this.sequence++;
        this.flagged.delete(seq);
      }
    }
    for (const i of items) if (i.discontinuity) this.flagged.add(i.seq);
    return this.sequence;
  }
}

/**
 * The media playlist of `items` (EpochSequence's, consecutive sequence numbers); `emptySequence` is
 * the media sequence when there are none. Segment URLs name their epoch (StreamAddress). An fMP4
 * entry's init section is named by EXT-X-MAP (HLS version 7) before the first entry and again wherever
 * it changes; its URL is a virtual segment URL too, so hls.js fetches it through the same verified
 * path as the segments (the root's `inits` item is its signed entry).
 *
 * `inProgress` ({epoch, parts}, parts of a root's `parts`, or null) makes it an LL-HLS playlist: the
 * completed parts of the segment being written follow the last complete segment, one EXT-X-PART each,
 * under virtual URLs like segments' (so verified like them); `inProgress.completed` (sequence number →
 * signed parts) lists a newest complete segment's parts before its EXTINF. The header's PART-TARGET is
 * `inProgress.partTargetUs`, by default the longest part listed; without a part target the text is
 * exactly as before parts existed.
 */
export function mediaPlaylist(
  items,
  rendition,
  address,
  { ended, discontinuitySequence, emptySequence, inProgress = null },
) {
  const parts = inProgress?.parts ?? [];
  const longest = items.reduce((m, i) => Math.max(m, i.entry.durationUs), 1_000_000);
  // LL-HLS tags need no newer version of their own; parts are fMP4 in practice and so version 7.
  const fmp4 = items.some((i) => i.entry.init) || parts.some((p) => p.init);
  const lines = [
    '#EXTM3U',
    `#EXT-X-VERSION:${fmp4 ? 7 : 3}`,
    `#EXT-X-TARGETDURATION:${Math.ceil(longest / 1e6)}`,
    `#EXT-X-MEDIA-SEQUENCE:${items.length ? items[0].seq : emptySequence}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${discontinuitySequence}`,
    ...partControl(inProgress?.partTargetUs ?? longestListed(inProgress)),
  ];
  let map = null; // the EXT-X-MAP URL in force
  for (const i of items) {
    if (i.discontinuity) lines.push('#EXT-X-DISCONTINUITY');
    const init = i.entry.init ? address.segmentUrl(rendition, i.entry.init.uri, i.epoch) : null;
    if (init !== null && init !== map) lines.push(`#EXT-X-MAP:URI="${init}"`);
    map = init;
    // A newest complete segment's own parts come before its EXTINF (LL-HLS lists the parts of the
    // last few segments; hls.js needs them to move from segments to parts: Session.completedParts).
    for (const p of inProgress?.completed?.get(i.seq) ?? []) {
      lines.push(partLine(p, address.segmentUrl(rendition, p.uri, i.epoch)));
    }
    lines.push(`#EXTINF:${seconds(i.entry.durationUs)},`, address.segmentUrl(rendition, i.entry.uri, i.epoch));
  }
  for (const p of parts) {
    const init = p.init ? address.segmentUrl(rendition, p.init.uri, inProgress.epoch) : null;
    // The segment in progress may be the first one (empty window) or start a new init section.
    if (init !== null && init !== map) lines.push(`#EXT-X-MAP:URI="${init}"`);
    map = init;
    lines.push(partLine(p, address.segmentUrl(rendition, p.uri, inProgress.epoch)));
  }
  if (ended) lines.push('#EXT-X-ENDLIST');
  return lines.join('\n') + '\n';
}

/** The EXT-X-PART line of signed part `p` at `url`. */
function partLine(p, url) {
  return `#EXT-X-PART:DURATION=${seconds(p.durationUs)},URI="${url}"${p.independent ? ',INDEPENDENT=YES' : ''}`;
}

/** How many part targets behind the newest part a player starts (the LL-HLS recommendation). */
export const PART_HOLD_BACK_TARGETS = 3;

/**
 * The LL-HLS header lines for a part target of `targetUs` (none for 0).
 * CAN-BLOCK-RELOAD: the playlist is answered by this viewer's Session, which holds each request for as
 * long as the origin holds its manifest request (until the next part is signed, on origins with the
 * blocking query). hls.js asks again at once only after an answer that advanced, so at most once per
 * signed part; an answer with nothing new (a static origin, a bucket: they answer at once) makes it
 * wait half a reload interval, as without blocking. Without it hls.js re-read the playlist once a
 * target duration and mostly played whole segments.
 */
function partControl(targetUs) {
  if (targetUs === 0) return [];
  return [
    `#EXT-X-PART-INF:PART-TARGET=${seconds(targetUs)}`,
    `#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=${seconds(PART_HOLD_BACK_TARGETS * targetUs)}`,
  ];
}

/** The longest part `inProgress` lists, in progress or of completed segments, in microseconds (0 for none). */
export function longestListed(inProgress) {
  const listed = [...(inProgress?.parts ?? []), ...[...(inProgress?.completed?.values() ?? [])].flat()];
  return listed.length ? partTargetUs(listed) : 0;
}

/** The PART-TARGET of `parts` (signed parts, at least one), in microseconds: the longest part. */
export function partTargetUs(parts) {
  return parts.reduce((m, p) => Math.max(m, p.durationUs), 0);
}

/** Signed microseconds as playlist seconds, exactly (six decimals, as EXTINF). */
function seconds(us) {
  return (us / 1e6).toFixed(6);
}
