/** Public API of the viewer's tipping code (see each module for details). */
export { renderTipPanel } from './tip-panel.js';
export { TipError } from './errors.js';
export { bolt11AmountMsat, decodeBolt11, parseInvoiceHrp, bech32Decode } from './bolt11.js';
export {
  parseLightningAddress,
  validatePayRequest,
  checkAmount,
  callbackUrl,
  fetchPayRequest,
  requestInvoice,
  fetchLightningInvoice,
} from './lnurl-pay.js';
export { tipWithLightning, parseSatsAmount, isWeblnRefusal } from './webln-tip.js';
export {
  tipWithEvm,
  parseNativeAmount,
  formatNativeAmount,
  validateEvmTarget,
  toHexChainId,
  createProviderFactory,
  injectedProvider,
  isUserRejection,
} from './evm-tip.js';
export { normalizeTips, statusFromOutcome, createTipController, TIP_STATES } from './tip-model.js';
