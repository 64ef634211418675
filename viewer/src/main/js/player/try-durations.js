// How long segment downloads from peers took, by how they ended (window.ownerless.stats().p2pTryMs):
// whether peers are too slow for the time turns at HTTP leave them is read from these (issue 17).
// Only the newest KEPT per outcome are held, so a long session costs no more memory than a short one.

const KEPT = 256;

export class TryDurations {
  constructor() {
    this.byOutcome = new Map(); // outcome -> durations (ms), oldest first
  }

  add(outcome, ms) {
    if (!(ms >= 0)) return;
    let list = this.byOutcome.get(outcome);
    if (!list) this.byOutcome.set(outcome, (list = []));
    list.push(ms);
    if (list.length > KEPT) list.shift();
  }

  /** {outcome: {n, p50, p90}} in whole ms, over the newest KEPT of each outcome. */
  summary() {
    const out = {};
    for (const [outcome, list] of this.byOutcome) {
      const sorted = [...list].sort((a, b) => a - b);
      const at = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
      out[outcome] = { n: sorted.length, p50: at(0.5), p90: at(0.9) };
    }
    return out;
  }
}
