// The player page around the <video>: title, creator key, live badge, the trust state, the stats
// panel with its chart, and the tip panel (only for a verified announce). Network strings are set
// with textContent only. It shows what the player's events say (follow) and writes nothing back.

import { Events } from '../player/events.js';
import { drawChart } from './chart.js';
import { bytes, percent, shortKey } from './format.js';

const STATE_TEXT = {
  loading: 'Verifying…',
  playing: 'Verified',
  stalled: 'Buffering',
  untrusted: 'Untrusted',
  expired: 'Expired',
  failed: 'Unavailable',
};

export class Page {
  constructor(root, { pub, name }) {
    this.root = root;
    this.mode = null;
    this.$ = (sel) => root.querySelector(sel);
    this.$('[data-field=creator]').textContent = shortKey(pub);
    this.$('[data-field=creator]').title = pub;
    this.$('[data-field=title]').textContent = name;
    this.$('[data-action=copy-key]').addEventListener('click', () => {
      navigator.clipboard?.writeText(pub);
      this.$('[data-action=copy-key]').textContent = 'Copied';
    });
  }

  showAnnounce(announce) {
    this.$('[data-field=title]').textContent = announce.title || announce.name;
    document.title = `${announce.title || announce.name} — ownerless`;
    const live = this.$('[data-field=live]');
    live.textContent = announce.status === 'live' ? 'LIVE' : 'ENDED';
    live.dataset.status = announce.status;
  }

  /** Listens to the player: its stats (state included) as they change, and the latency mode. */
  follow(bus) {
    bus.on(Events.LATENCY_MODE_CHOSEN, ({ mode }) => {
      this.mode = mode;
    });
    bus.on(Events.STATS_UPDATED, ({ snapshot, history }) => this.render(snapshot, history));
  }

  /** `s`: a Stats snapshot (the automation hook's object); `history`: the chart's samples. */
  render(s, history) {
    this.root.dataset.state = s.state;
    this.$('[data-field=state]').textContent = STATE_TEXT[s.state] ?? s.state;
    this.$('[data-field=message]').textContent = s.message;
    this.$('[data-stat=p2pShare]').textContent = percent(s.p2pShare);
    this.$('[data-stat=p2pBytes]').textContent = bytes(s.p2pBytes);
    this.$('[data-stat=httpBytes]').textContent = bytes(s.httpBytes);
    this.$('[data-stat=uploadedBytes]').textContent = bytes(s.uploadedBytes);
    this.$('[data-stat=peers]').textContent = String(s.peers);
    this.$('[data-stat=verifiedSegments]').textContent = String(s.verifiedSegments);
    this.$('[data-stat=rejectedSegments]').textContent = String(s.rejectedSegments);
    this.$('[data-stat=latency]').textContent = s.latencySeconds == null ? '–' : `${s.latencySeconds.toFixed(1)} s`;
    this.$('[data-stat=rendition]').textContent = s.rendition ?? '–';
    this.$('[data-stat=mode]').textContent = this.mode ?? '–';
    drawChart(this.$('canvas'), history);
  }

  tipContainer() {
    return this.$('[data-part=tips]');
  }
}
