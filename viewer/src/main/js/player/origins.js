// The HTTP sources of one stream, in the order they are tried: the hint the page was given, then the
// origins of the signed announce. None is trusted; an origin that fails or serves bad data is skipped
// in favour of the next, and every origin is tried again once all have failed.

import { Events } from './events.js';

const MAX_ORIGINS = 17; // the hint plus the announce's at most 16

export class Origins {
  constructor(hint, bus) {
    this.list = [];
    this.current = 0;
    this.bus = bus;
    this.add(hint);
  }

  add(url) {
    const base = originBase(url);
    if (base && !this.list.includes(base) && this.list.length < MAX_ORIGINS) this.list.push(base);
  }

  get base() {
    return this.list[this.current];
  }

  /** Moves past {@code base} if it is the current origin; returns true when it did. */
  markBad(base, reason) {
    if (this.list.length === 0 || base !== this.base) return false;
    this.current = (this.current + 1) % this.list.length;
    this.bus.emit(Events.ORIGIN_CHANGED, { from: base, to: this.base, reason });
    return true;
  }

  /** Reads `base` from now on (it serves a fresher state than the current origin); true if it moved. */
  prefer(base, reason) {
    const i = this.list.indexOf(base);
    if (i < 0 || i === this.current) return false;
    const from = this.base;
    this.current = i;
    this.bus.emit(Events.ORIGIN_CHANGED, { from, to: base, reason });
    return true;
  }

  /** Each origin once, starting from the current one. */
  inTurn() {
    const n = this.list.length;
    return Array.from({ length: n }, (_, i) => this.list[(this.current + i) % n]);
  }
}

/** The base URL an origin's files are read under (http/https, ending in '/'), or null. */
export function originBase(url) {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    u.search = '';
    if (!u.pathname.endsWith('/')) u.pathname += '/';
    return u.href;
  } catch {
    return null;
  }
}
