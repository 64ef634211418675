// The one state the page and window.ownerless.stats() show: loading, playing, stalled, untrusted,
// expired or failed, with a message saying why. Whether a failure means "untrusted" or only "failed" is decided
// here from the typed verdicts of refusals (trust-verdict.js).

import { Events } from './events.js';
import { Verdict, announceRefused, refusalText } from './trust-verdict.js';

/**
 * States nothing later may leave: an unverifiable stream must not come to look fine, and an expired
 * one has stopped (its signed state can no longer be confirmed; a reload starts again).
 */
const FINAL = new Set(['untrusted', 'expired']);

export class PlaybackState {
  constructor(bus) {
    this.bus = bus;
    this.state = 'loading';
    this.message = '';
    // The latest refusal of a signed object or an origin; a refused segment never decides trust.
    this.lastRefusal = null;
    const remember = (refusal) => {
      if (refusal.verdict !== Verdict.SEGMENT_REFUSED) this.lastRefusal = refusal;
    };
    bus.on(Events.FILE_REFUSED, remember);
    bus.on(Events.ANNOUNCE_REFRESH_FAILED, remember);
    bus.on(Events.ANNOUNCE_EXPIRED, ({ problem, message }) => this.set('expired', `${problem}: ${message}`));
  }

  set(state, message = '') {
    if (FINAL.has(this.state) || (this.state === state && this.message === message)) return;
    this.state = state;
    this.message = message;
    this.bus.emit(Events.STATE_CHANGED, { state, message });
  }

  /** No origin had a verifiable announce at start (StreamTrust's UntrustedError). */
  announceFailed(error) {
    const untrusted = announceRefused(error).verdict === Verdict.SIGNED_OBJECT_REFUSED;
    this.set(untrusted ? 'untrusted' : 'failed', error.message);
  }

  /**
   * hls.js gave up (`description` says how). If the latest refusal was of the stream's own signed
   * objects, that is why nothing plays: untrusted. Returns true in that case.
   */
  playerFailed(description) {
    const refusal = this.lastRefusal;
    if (refusal?.verdict === Verdict.SIGNED_OBJECT_REFUSED) {
      this.set('untrusted', refusalText(refusal));
      return true;
    }
    this.set('failed', description);
    return false;
  }
}
