// Playlist ↔ manifest agreement (protocol §5). The media playlist is unsigned; each of its entries
// is checked against the manifest entry with the same index (EXT-X-MEDIA-SEQUENCE + position):
// same URI, same duration to the microsecond, same discontinuity flag. These helpers give the
// player the exact rules without tying it to one playlist parser.

import { manifestEntry } from './manifest.js';
import { Problem, TrustError } from './problems.js';

/**
 * Microseconds of an EXTINF duration text ("2.000000", "4", "3.5"), or null when it is not a
 * whole number of microseconds (like the Java BigDecimal.movePointRight(6).longValueExact()).
 */
export function extinfMicros(text) {
  const m = /^\s*\+?(\d+)(?:\.(\d*))?\s*$/.exec(String(text));
  if (m === null) return null;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > 6) return null;
  const us = Number(m[1]) * 1e6 + Number(frac.padEnd(6, '0') || '0');
  return Number.isSafeInteger(us) ? us : null;
}

/**
 * Checks one playlist item {index, uri, durationUs, discontinuity} against the accepted root.
 * Returns the signed window entry (to check the segment bytes against). Throws TrustError:
 * NOT_COVERED when the window has no entry with that index (if index ≥ root.treeSize the playlist
 * is newer than the manifest: read the manifest again), PLAYLIST_MISMATCH when they disagree.
 */
export function checkPlaylistItem(root, item) {
  const entry = manifestEntry(root, item.index);
  if (entry === null) {
    throw new TrustError(
      Problem.NOT_COVERED,
      `playlist entry ${item.index} is not in the signed window ` +
        `(entries ${root.treeSize - root.window.length}..${root.treeSize - 1})`,
    );
  }
  if (
    entry.uri !== item.uri ||
    entry.durationUs !== item.durationUs ||
    entry.discontinuity !== Boolean(item.discontinuity)
  ) {
    throw new TrustError(
      Problem.PLAYLIST_MISMATCH,
      `playlist says ${item.uri} ${item.durationUs} us` +
        `${item.discontinuity ? ' after a discontinuity' : ''}, signed entry ${entry.index} says ${entry.uri} ` +
        `${entry.durationUs} us${entry.discontinuity ? ' after a discontinuity' : ''}`,
    );
  }
  return entry;
}
