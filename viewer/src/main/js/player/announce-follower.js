// Signed freshness while playing (protocol §3): the node signs a live announce valid for 60 s and
// re-signs it every 10 s, so a viewer that re-reads it as often always holds an unexpired one — unless
// every origin it can reach is frozen, or the creator's node is gone. Then the stream's signed state
// can no longer be confirmed, and playing on would play a frozen world: the viewer stops (EXPIRED).
// What it reads goes through StreamTrust (any origin, the AnnounceTracker's rules); what happened
// travels as events: ANNOUNCE_UPDATED when a newer announce was adopted, ANNOUNCE_EXPIRED at the end.

import { Events } from './events.js';
import { announceRefused } from './trust-verdict.js';
import { Problem } from './trust-api.js';
import { timeText } from '../trust/time-text.js';

/** How often the announce is re-read: the node's re-signing interval. */
export const ANNOUNCE_REFRESH_MS = 10000;

export class AnnounceFollower {
  /**
   * @param trust the StreamTrust holding the accepted announce (loadAnnounce() re-reads it)
   * @param bus the player's event bus
   * @param options {intervalMs, now, setTimer, clearTimer}: the clock, for tests
   */
  constructor(trust, bus, options = {}) {
    this.trust = trust;
    this.bus = bus;
    this.intervalMs = options.intervalMs ?? ANNOUNCE_REFRESH_MS;
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((t) => clearTimeout(t));
    this.timer = null;
    this.stopped = false;
  }

  start() {
    this.stopped = false;
    this.schedule();
  }

  stop() {
    this.stopped = true;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  /** The next read: after the interval, or at the held announce's expiry if that comes first. */
  schedule() {
    const untilExpiry = this.trust.announce.expiresAtMs - this.now();
    this.timer = this.setTimer(() => this.tick(), Math.max(0, Math.min(this.intervalMs, untilExpiry)));
  }

  /** One re-read; resolves when its events are out and the next read is scheduled (or playback ended). */
  async tick() {
    this.timer = null;
    if (this.stopped) return;
    const before = this.trust.announce;
    try {
      await this.trust.loadAnnounce();
    } catch (e) {
      this.bus.emit(Events.ANNOUNCE_REFRESH_FAILED, announceRefused(e));
    }
    if (this.stopped) return;
    const held = this.trust.announce;
    if (held !== before) this.bus.emit(Events.ANNOUNCE_UPDATED, { announce: held, previous: before });
    if (this.now() >= held.expiresAtMs) {
      this.stopped = true;
      this.bus.emit(Events.ANNOUNCE_EXPIRED, {
        problem: Problem.EXPIRED,
        seq: held.seq,
        expiresAtMs: held.expiresAtMs,
        message:
          `announce seq ${held.seq} expired at ${timeText(held.expiresAtMs)} and no origin ` +
          'has a newer one: the stream can no longer be confirmed',
      });
      return;
    }
    this.schedule();
  }
}
