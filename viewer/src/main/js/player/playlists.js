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
 * entry flagged as a discontinuity slides out of the window, its tag leaves the playlist.
 */
export class DiscontinuityCounter {
  constructor() {
    this.sequence = 0;
    this.flagged = new Set(); // indices of flagged entries still in the last window
    this.first = -1;
  }

  update(window) {
    const first = window.length ? window[0].index : this.first;
    for (const i of [...this.flagged]) {
      if (i < first) {
        this.sequence++;
        this.flagged.delete(i);
      }
    }
    for (const e of window) if (e.discontinuity) this.flagged.add(e.index);
    this.first = first;
    return this.sequence;
  }
}

export function mediaPlaylist(root, rendition, address, { ended, discontinuitySequence }) {
  const window = root.window;
  const longest = window.reduce((m, e) => Math.max(m, e.durationUs), 1_000_000);
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(longest / 1e6)}`,
    `#EXT-X-MEDIA-SEQUENCE:${window.length ? window[0].index : root.treeSize}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${discontinuitySequence}`,
  ];
  for (const e of window) {
    if (e.discontinuity) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXTINF:${(e.durationUs / 1e6).toFixed(6)},`, address.segmentUrl(rendition, e.uri));
  }
  if (ended) lines.push('#EXT-X-ENDLIST');
  return lines.join('\n') + '\n';
}
