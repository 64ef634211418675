/**
 * The DOM-free part of the tip panel: which targets to show, how each outcome reads, and a
 * controller that runs one tip per target at a time, cancellable on destroy. tip-panel.js only
 * renders what this module says.
 */
import { parseLightningAddress } from './lnurl-pay.js';
import { validateEvmTarget, chainLabel, nativeUnitLabel, tipWithEvm } from './evm-tip.js';
import { tipWithLightning } from './webln-tip.js';

/** The feedback states, as found in `.ol-tip-status[data-state]`. */
// 'paid' only with a proof checked here (a preimage of the invoice's payment hash, or a transaction
// hash); 'sent' when the wallet says it paid but the page had no invoice to check the claim against.
export const TIP_STATES = Object.freeze(['idle', 'working', 'paid', 'sent', 'refused', 'error']);

/**
 * Keeps the well-formed targets of an announce's `tips` (the announce was verified, so a malformed
 * target means a bug somewhere: it is dropped rather than shown).
 * @param {unknown} tips
 * @returns {{lightning: string|null, evm: {address: string, chainId: number}|null} | null}
 *   null when there is nothing to show
 */
export function normalizeTips(tips) {
  if (!tips || typeof tips !== 'object') return null;
  let lightning = null;
  let evm = null;
  if (tips.lightning !== undefined) {
    try {
      parseLightningAddress(tips.lightning);
      lightning = tips.lightning;
    } catch {
      lightning = null;
    }
  }
  if (tips.evm !== undefined) {
    try {
      evm = validateEvmTarget(tips.evm);
    } catch {
      evm = null;
    }
  }
  return lightning || evm ? { lightning, evm } : null;
}

/**
 * "0x1234567890abcdef…" style shortening for display; the full value stays in title/copy.
 * @param {string} text
 * @param {number} [head]
 * @param {number} [tail]
 */
export function shortenMiddle(text, head = 8, tail = 6) {
  return text.length <= head + tail + 1 ? text : `${text.slice(0, head)}…${text.slice(-tail)}`;
}

/** What the panel shows for each target before any tip. */
export function describeTargets(targets, options = {}) {
  const out = [];
  if (targets?.lightning) {
    out.push({
      kind: 'lightning',
      heading: 'Lightning',
      target: targets.lightning,
      targetShort: shortenMiddle(targets.lightning, 24, 16),
      targetHref: `lightning:${targets.lightning}`,
      amountLabel: 'Amount (sats)',
      amountDefault: String(options.defaultSats ?? 1000),
      inputMode: 'numeric',
      placeholder: '1000',
      buttonLabel: 'Tip with Lightning',
      chainId: null,
    });
  }
  if (targets?.evm) {
    const { address, chainId } = targets.evm;
    out.push({
      kind: 'evm',
      heading: `EVM: ${chainLabel(chainId)}`,
      target: address,
      targetShort: shortenMiddle(address, 8, 6),
      targetHref: null,
      amountLabel: `Amount (${nativeUnitLabel(chainId)})`,
      amountDefault: options.defaultEvmAmount ?? '',
      inputMode: 'decimal',
      placeholder: '0.01',
      buttonLabel: 'Tip with an Ethereum wallet',
      chainId,
    });
  }
  return out;
}

/**
 * Outcome of webln-tip.js / evm-tip.js → what the status element shows.
 * @param {object} outcome
 * @returns {{state: string, message: string, proof: string|null,
 *            fallback: null | {kind: 'invoice'|'address', value: string, href: string}}}
 */
export function statusFromOutcome(outcome) {
  switch (outcome?.state) {
    case 'paid':
      return {
        state: 'paid',
        message: outcome.message,
        proof: outcome.preimage ?? outcome.txHash ?? null,
        fallback: null,
      };
    case 'sent':
      return { state: 'sent', message: outcome.message, proof: null, fallback: null };
    case 'refused':
      return { state: 'refused', message: outcome.message, proof: null, fallback: null };
    case 'invoice':
      return {
        state: 'idle',
        message: outcome.message,
        proof: null,
        fallback: { kind: 'invoice', value: outcome.invoice, href: `lightning:${outcome.invoice}` },
      };
    case 'address':
      return {
        state: 'idle',
        message: outcome.message,
        proof: null,
        fallback: { kind: 'address', value: outcome.address, href: `lightning:${outcome.address}` },
      };
    case 'error':
      return { state: 'error', message: outcome.message, proof: null, fallback: null };
    default:
      return { state: 'error', message: 'Something went wrong.', proof: null, fallback: null };
  }
}

const IDLE = Object.freeze({ state: 'idle', message: '', proof: null, fallback: null });

/**
 * Runs tips for the targets of one panel.
 * @param {{lightning: string|null, evm: object|null}} targets from normalizeTips
 * @param {object} [options] window, fetch, reownProjectId, providerFactory, timeoutMs,
 *   requireDescriptionHash, and the functions tipWithLightning / tipWithEvm (replaceable for tests)
 * @param {(kind: string, status: object) => void} [onChange]
 * @returns {{status(kind): object, pay(kind, amount): Promise<object>, busy(kind): boolean, destroy(): void}}
 */
export function createTipController(targets, options = {}, onChange = () => {}) {
  const abort = new AbortController();
  const statuses = new Map();
  const running = new Set();
  if (targets?.lightning) statuses.set('lightning', IDLE);
  if (targets?.evm) statuses.set('evm', IDLE);
  const payLightning = options.tipWithLightning ?? tipWithLightning;
  const payEvm = options.tipWithEvm ?? tipWithEvm;

  const set = (kind, status) => {
    if (abort.signal.aborted) return;
    statuses.set(kind, status);
    onChange(kind, status);
  };

  return {
    status: (kind) => statuses.get(kind) ?? null,
    busy: (kind) => running.has(kind),
    async pay(kind, amount) {
      if (!statuses.has(kind) || abort.signal.aborted) return null;
      if (running.has(kind)) return statuses.get(kind);
      running.add(kind);
      const onProgress = (message) => set(kind, { state: 'working', message, proof: null, fallback: null });
      onProgress('Starting…');
      try {
        const common = { window: options.window ?? globalThis, signal: abort.signal, onProgress };
        const outcome =
          kind === 'lightning'
            ? await payLightning({
                ...common,
                address: targets.lightning,
                amountSats: amount,
                fetch: options.fetch,
                timeoutMs: options.timeoutMs,
                requireDescriptionHash: options.requireDescriptionHash,
              })
            : await payEvm({
                ...common,
                evm: targets.evm,
                amount,
                providerFactory: options.providerFactory,
                reownProjectId: options.reownProjectId,
              });
        const status = statusFromOutcome(outcome);
        set(kind, status);
        return status;
      } catch (err) {
        const status = {
          state: 'error',
          message: `Something went wrong: ${err?.message ?? err}`,
          proof: null,
          fallback: null,
        };
        set(kind, status);
        return status;
      } finally {
        running.delete(kind);
      }
    },
    destroy() {
      abort.abort();
    },
  };
}
