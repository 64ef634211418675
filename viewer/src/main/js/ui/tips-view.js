// The tip panel for the announce in force. The announce is re-read while playing (announce-follower.js)
// and its tips may change — a new address, a chain added or dropped — so the panel is rebuilt when, and
// only when, the verified tips differ from the ones it shows. The wallet code loads on first need:
// viewers of a stream without tips never download it.

/** The tip targets as one comparable string (key order of the parsed JSON does not matter). */
export function tipsKey(tips) {
  return JSON.stringify([tips?.lightning ?? null, tips?.evm?.address ?? null, tips?.evm?.chainId ?? null]);
}

export class TipsView {
  /**
   * @param container where the panel goes (the page's tip part)
   * @param options {load: async () => ({renderTipPanel}), panelOptions: passed to renderTipPanel}
   */
  constructor(container, { load = () => import('../tips/index.js'), panelOptions = {} } = {}) {
    this.container = container;
    this.load = load;
    this.panelOptions = panelOptions;
    this.key = tipsKey(undefined);
    this.panel = null;
    this.version = 0;
  }

  /** Shows `tips` (a verified announce's); resolves once the panel is in place. */
  async show(tips) {
    const key = tipsKey(tips);
    if (key === this.key) return;
    this.key = key;
    const version = ++this.version;
    this.panel?.destroy();
    this.panel = null;
    if (!tips || !(tips.lightning || tips.evm)) return;
    const { renderTipPanel } = await this.load();
    // Another announce may have arrived while the code loaded: only the newest is shown.
    if (version !== this.version) return;
    this.panel = renderTipPanel(this.container, tips, this.panelOptions);
  }
}
