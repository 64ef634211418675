/**
 * The "Tip the creator" panel: renders into a container the page gives, with class names only
 * (prefix `ol-tip-`) and textContent for every string (addresses and messages come from the network).
 *
 * DOM contract (stable; the browser test drives it):
 *   section.ol-tip[data-tip-panel]
 *     h2.ol-tip-title                                  "Tip the creator"
 *     form.ol-tip-target[data-tip-target="lightning"|"evm"]
 *       .ol-tip-kind                                   "Lightning" / "EVM: Base (chain id 8453)"
 *       .ol-tip-dest
 *         .ol-tip-address[title=<full target>][data-full=<full target>]   shortened target
 *         button.ol-tip-copy[data-copy="target"]
 *       .ol-tip-chain[data-chain-id]                   EVM only: "chain id 8453"
 *       label.ol-tip-amount-label > input.ol-tip-amount[data-tip-amount=<kind>]
 *       button.ol-tip-pay[data-tip=<kind>]             disabled while working
 *       .ol-tip-status[data-state=idle|working|paid|sent|refused|error][data-proof=<preimage|tx hash>]
 *       .ol-tip-fallback[data-fallback="invoice"|"address"]   hidden unless WebLN is missing
 *         code.ol-tip-fallback-value                   the invoice or the address
 *         a.ol-tip-fallback-link[href="lightning:..."]
 *         button.ol-tip-copy[data-copy="fallback"]
 */
import { normalizeTips, describeTargets, createTipController } from './tip-model.js';

/**
 * @param {Element} container
 * @param {object|undefined} tips  the VERIFIED announce's `tips`
 * @param {{window?: object, fetch?: typeof fetch, reownProjectId?: string, defaultSats?: number,
 *          defaultEvmAmount?: string, providerFactory?: () => Promise<object>, timeoutMs?: number,
 *          requireDescriptionHash?: boolean}} [options]
 * @returns {{destroy(): void}}
 */
export function renderTipPanel(container, tips, options = {}) {
  const targets = normalizeTips(tips);
  if (!targets || !container) return { destroy() {} };
  const win = options.window ?? globalThis;
  const doc = container.ownerDocument ?? win.document;
  const fetchFn = options.fetch ?? (typeof win.fetch === 'function' ? win.fetch.bind(win) : undefined);

  const el = (tag, className, text) => {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const views = new Map();
  const controller = createTipController(targets, { ...options, window: win, fetch: fetchFn }, (kind, status) =>
    paint(kind, status),
  );

  const section = el('section', 'ol-tip');
  section.setAttribute('data-tip-panel', '');
  section.append(el('h2', 'ol-tip-title', 'Tip the creator'));

  for (const t of describeTargets(targets, options)) {
    const form = el('form', 'ol-tip-target');
    form.setAttribute('data-tip-target', t.kind);
    form.noValidate = true;

    const dest = el('div', 'ol-tip-dest');
    const address = el(t.targetHref ? 'a' : 'code', 'ol-tip-address', t.targetShort);
    if (t.targetHref) address.setAttribute('href', t.targetHref);
    address.setAttribute('title', t.target);
    address.setAttribute('data-full', t.target);
    const copyTarget = el('button', 'ol-tip-copy', 'Copy');
    copyTarget.type = 'button';
    copyTarget.setAttribute('data-copy', 'target');
    copyTarget.setAttribute('aria-label', `Copy ${t.target}`);
    copyTarget.addEventListener('click', () => copy(t.target, copyTarget));
    dest.append(address, copyTarget);

    const label = el('label', 'ol-tip-amount-label', t.amountLabel + ' ');
    const input = el('input', 'ol-tip-amount');
    input.type = 'text';
    input.setAttribute('inputmode', t.inputMode);
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('data-tip-amount', t.kind);
    input.placeholder = t.placeholder;
    input.value = t.amountDefault;
    label.append(input);

    const pay = el('button', 'ol-tip-pay', t.buttonLabel);
    pay.type = 'submit';
    pay.setAttribute('data-tip', t.kind);

    const status = el('div', 'ol-tip-status');
    status.setAttribute('data-state', 'idle');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');

    const fallback = el('div', 'ol-tip-fallback');
    fallback.hidden = true;
    const fallbackValue = el('code', 'ol-tip-fallback-value');
    const fallbackLink = el('a', 'ol-tip-fallback-link', 'Open in a Lightning wallet');
    const fallbackCopy = el('button', 'ol-tip-copy', 'Copy');
    fallbackCopy.type = 'button';
    fallbackCopy.setAttribute('data-copy', 'fallback');
    fallbackCopy.addEventListener('click', () => copy(fallbackValue.textContent, fallbackCopy));
    fallback.append(fallbackValue, fallbackLink, fallbackCopy);

    form.append(el('div', 'ol-tip-kind', t.heading), dest);
    if (t.chainId !== null) {
      const chain = el('div', 'ol-tip-chain', `chain id ${t.chainId}`);
      chain.setAttribute('data-chain-id', String(t.chainId));
      form.append(chain);
    }
    form.append(label, pay, status, fallback);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (controller.busy(t.kind)) return;
      controller.pay(t.kind, input.value);
    });
    views.set(t.kind, { pay, input, status, fallback, fallbackValue, fallbackLink });
    section.append(form);
  }
  container.append(section);

  function paint(kind, s) {
    const v = views.get(kind);
    if (!v) return;
    v.status.setAttribute('data-state', s.state);
    v.status.textContent = s.message;
    if (s.proof) v.status.setAttribute('data-proof', s.proof);
    else v.status.removeAttribute('data-proof');
    const working = s.state === 'working';
    v.pay.disabled = working;
    v.input.disabled = working;
    if (s.fallback) {
      v.fallback.setAttribute('data-fallback', s.fallback.kind);
      v.fallbackValue.textContent = s.fallback.value;
      v.fallbackLink.setAttribute('href', s.fallback.href);
      v.fallback.hidden = false;
    } else if (!working) {
      v.fallback.hidden = true;
      v.fallback.removeAttribute('data-fallback');
    }
  }

  async function copy(text, button) {
    const original = button.textContent;
    try {
      await win.navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Select and copy';
    }
    win.setTimeout?.(() => {
      button.textContent = original;
    }, 1500);
  }

  return {
    destroy() {
      controller.destroy();
      section.remove();
    },
  };
}
