// How far behind the live edge this viewer plays: drawn once, at its place along its latency mode's
// spread (delivery.js), and drawn again once if the stream turns out to sign LL-HLS parts after the
// first root was read without any (a root signed between a segment's completion and the next
// segment's first part lists none), so a mode that plays parts moves to the part distance.

import { liveDistances, playsParts } from './delivery.js';
import { partTargetUs } from './playlists.js';

export class LiveDistance {
  /** `partSeconds`: the PART-TARGET of the first root read, 0 when it listed no parts. */
  constructor(mode, segmentSeconds, place, partSeconds = 0) {
    this.mode = mode;
    this.segmentSeconds = segmentSeconds;
    this.place = place;
    this.partSeconds = partSeconds;
  }

  /** liveDistances for this viewer as known now. */
  get current() {
    return liveDistances(this.mode, this.segmentSeconds, this.place, this.partSeconds);
  }

  /**
   * The new distances when `root` is the first with parts and the mode plays them; null when nothing
   * changes (parts already known, none in `root`, or a mode that is never given parts).
   */
  partsSeen(root) {
    const seconds = partSecondsOf(root);
    if (this.partSeconds > 0 || seconds === 0 || !this.playsParts) return null;
    this.partSeconds = seconds;
    return this.current;
  }

  /** Whether this viewer plays LL-HLS parts when the stream signs them (Session.listParts). */
  get playsParts() {
    return playsParts(this.mode, this.place);
  }
}

/** The PART-TARGET of `root` in seconds, 0 when it lists no parts. */
export function partSecondsOf(root) {
  return root.parts.length ? partTargetUs(root.parts) / 1e6 : 0;
}
