// The short history behind window.ownerless.events(): origin switches, refused announces and
// manifests, announces adopted or expired while playing, tracker errors, as
// {atMs, kind: 'origin' | 'refused' | 'announce' | 'tracker', text}. Segment
// refusals are not here: Stats keeps those (stats().rejections).

import { Events } from './events.js';
import { FileKind, Verdict, refusalText } from './trust-verdict.js';

const KEPT = 100;

export class EventLog {
  constructor(bus) {
    this.entries = [];
    bus.on(Events.ORIGIN_CHANGED, (c) => this.add('origin', `${c.from} → ${c.to}: ${c.reason}`));
    bus.on(Events.FILE_REFUSED, (r) => {
      if (r.kind !== FileKind.SEGMENT) this.add('refused', refusalText(r));
    });
    bus.on(Events.ANNOUNCE_REFRESH_FAILED, (r) => {
      // Each origin's answer is already in the log; the summary only matters when it was a refusal.
      if (r.verdict !== Verdict.ORIGIN_UNAVAILABLE) this.add('refused', refusalText(r));
    });
    bus.on(Events.ANNOUNCE_UPDATED, ({ announce, previous }) =>
      this.add('announce', `announce seq ${previous?.seq} → ${announce.seq} (${announce.status})`),
    );
    bus.on(Events.ANNOUNCE_EXPIRED, (e) => this.add('announce', `${e.problem}: ${e.message}`));
    bus.on(Events.TRACKER_ERROR, (e) => this.add('tracker', e.message));
  }

  add(kind, text) {
    this.entries.push({ atMs: Date.now(), kind, text });
    if (this.entries.length > KEPT) this.entries.shift();
  }

  /** Copies, for the automation hook. */
  list() {
    return this.entries.map((e) => ({ ...e }));
  }
}
