/**
 * Tipping the announce's EVM target through an EIP-1193 provider: the viewer's decimal amount →
 * wei (exact, BigInt), eth_requestAccounts, switch to EXACTLY the signed chain, read the chain
 * again right before sending, then eth_sendTransaction {from, to: signed address, value, chainId}.
 * Nothing else is ever sent. The chain id in the transaction (EIP-155's, as hex) closes the gap
 * between that last read and the signature: a wallet that moved to another network meanwhile
 * refuses to sign for this one instead of sending the tip elsewhere.
 * The signed address must pass its EIP-55 checksum when it has one (eip55.js).
 *
 * Provider seam (Reown AppKit): tipWithEvm takes `providerFactory: async () => EIP1193Provider`.
 * createProviderFactory() builds the default:
 *   - no Reown project id → the injected provider window.ethereum;
 *   - a Reown project id → loadReownModule() is awaited and its
 *       createReownProvider({projectId, chainId, window}) → Promise<EIP1193Provider>
 *     is called (it opens the AppKit modal, resolves with a connected provider, rejects with an
 *     error of code 4001 if the viewer closes the modal). If the module cannot be loaded, the
 *     injected provider is used when there is one.
 *   The default loader is `() => import('./reown-provider.js')`: a literal specifier, so esbuild
 *   splits AppKit into chunks of its own, fetched only on that click.
 *
 * Outcomes, as in webln-tip.js (never thrown):
 *   {state: 'paid', txHash, chainId, message} | {state: 'refused', message} | {state: 'error', code, message}
 */
import { TipError, clip } from './errors.js';
import { hasValidChecksum } from './eip55.js';

export const NATIVE_DECIMALS = 18;
/** Amounts of 10^12 native units or more are refused as absurd. */
export const MAX_NATIVE_UNITS = 10n ** 12n;

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;
const TX_HASH_RE = /^0x[0-9a-fA-F]{64}$/;

/** A few well-known chains, for display only. */
export const KNOWN_CHAINS = Object.freeze({
  1: { name: 'Ethereum', symbol: 'ETH' },
  10: { name: 'OP Mainnet', symbol: 'ETH' },
  100: { name: 'Gnosis', symbol: 'xDAI' },
  137: { name: 'Polygon', symbol: 'POL' },
  8453: { name: 'Base', symbol: 'ETH' },
  42161: { name: 'Arbitrum One', symbol: 'ETH' },
  11155111: { name: 'Sepolia', symbol: 'ETH' },
});

/**
 * Decimal string in native units → wei, exactly (no floating point).
 * Accepts "1", "1.5", "0.000000000000000001", ".5"; refuses negatives, zero, exponents, commas,
 * more than 18 decimals and amounts of MAX_NATIVE_UNITS or more.
 * @param {string} text
 * @param {number} [decimals]
 * @returns {bigint} wei > 0
 * @throws {TipError} code `invalid-amount`
 */
export function parseNativeAmount(text, decimals = NATIVE_DECIMALS) {
  const bad = (msg) => new TipError('invalid-amount', msg);
  if (typeof text !== 'string') throw bad('Enter the amount as a decimal number, e.g. 0.01.');
  const s = text.trim();
  if (s.length > 64) throw bad('The amount is too long.');
  if (s.startsWith('-')) throw bad('The amount cannot be negative.');
  if (s.includes(',')) throw bad('Use a dot as the decimal separator, e.g. 0.01.');
  const m = /^([0-9]*)(?:\.([0-9]*))?$/.exec(s);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw bad('Enter the amount as a decimal number, e.g. 0.01.');
  const whole = m[1] === '' ? '0' : m[1];
  const frac = m[2] ?? '';
  if (frac.length > decimals) throw bad(`The amount has more than ${decimals} decimals.`);
  const units = BigInt(whole);
  if (units >= MAX_NATIVE_UNITS) throw bad('The amount is absurdly large.');
  const wei = units * 10n ** BigInt(decimals) + (frac === '' ? 0n : BigInt(frac.padEnd(decimals, '0')));
  if (wei === 0n) throw bad('The amount must be more than zero.');
  return wei;
}

/**
 * wei → decimal string in native units, exact, without trailing zeros ("1.5", "0.000000000000000001").
 * @param {bigint} wei
 * @param {number} [decimals]
 */
export function formatNativeAmount(wei, decimals = NATIVE_DECIMALS) {
  const base = 10n ** BigInt(decimals);
  const whole = wei / base;
  const frac = (wei % base).toString().padStart(decimals, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole.toString();
}

/**
 * @param {unknown} evm the announce's tips.evm
 * @returns {{address: string, chainId: number}} as signed (the address's case is kept)
 * @throws {TipError} code `invalid-target`
 */
export function validateEvmTarget(evm) {
  if (!evm || typeof evm !== 'object' || typeof evm.address !== 'string' || !ADDRESS_RE.test(evm.address)) {
    throw new TipError('invalid-target', 'The EVM tip address is malformed.');
  }
  if (!hasValidChecksum(evm.address)) {
    throw new TipError(
      'invalid-target',
      'The EVM tip address fails its EIP-55 checksum (a typo in the address?): not sending to it.',
    );
  }
  if (!Number.isSafeInteger(evm.chainId) || evm.chainId < 1) {
    throw new TipError('invalid-target', 'The EVM chain id is malformed.');
  }
  return { address: evm.address, chainId: evm.chainId };
}

/** 8453 → "0x2105" (EIP-695 / EIP-3326 form: lowercase, no leading zeros). */
export function toHexChainId(chainId) {
  return `0x${chainId.toString(16)}`;
}

/** Human label of a chain, e.g. "Base (chain id 8453)" or "chain id 424242". */
export function chainLabel(chainId) {
  const known = KNOWN_CHAINS[chainId];
  return known ? `${known.name} (chain id ${chainId})` : `chain id ${chainId}`;
}

/** The unit the amount input is in: "ETH" or "native units of chain 424242". */
export function nativeUnitLabel(chainId) {
  return KNOWN_CHAINS[chainId]?.symbol ?? `native units of chain ${chainId}`;
}

/** EIP-1193 error codes, looked up where wallets and libraries nest them. */
function errorCodes(err) {
  const codes = [];
  let e = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (e.code !== undefined) codes.push(Number(e.code));
    if (e.data?.originalError?.code !== undefined) codes.push(Number(e.data.originalError.code));
    e = e.error ?? e.info?.error ?? e.cause;
  }
  return codes;
}

/** True when an EIP-1193 error is the viewer's refusal (4001). */
export function isUserRejection(err) {
  return errorCodes(err).includes(4001);
}

function errorMessage(err) {
  if (err && typeof err === 'object' && typeof err.message === 'string' && err.message) return clip(err.message);
  return 'unknown error';
}

/** The injected EIP-1193 provider of a window. @throws {TipError} code `no-wallet` */
export function injectedProvider(win) {
  const provider = win?.ethereum;
  if (!provider || typeof provider.request !== 'function') {
    throw new TipError('no-wallet', 'No Ethereum wallet found in this browser (install or enable one).');
  }
  return provider;
}

/** Reown AppKit, as a chunk of its own fetched on first use. */
function loadReown() {
  return import('./reown-provider.js');
}

/**
 * The default providerFactory (see the module comment).
 * @param {{window?: object, reownProjectId?: string, chainId?: number,
 *          loadReownModule?: () => Promise<{createReownProvider: Function}>}} [options]
 * @returns {() => Promise<object>} an async EIP-1193 provider factory
 */
export function createProviderFactory(options = {}) {
  const { window: win = globalThis, reownProjectId, chainId, loadReownModule = loadReown } = options;
  return async () => {
    if (typeof reownProjectId === 'string' && reownProjectId !== '') {
      let mod;
      try {
        mod = await loadReownModule();
      } catch (err) {
        if (win?.ethereum && typeof win.ethereum.request === 'function') return win.ethereum;
        throw err instanceof TipError
          ? err
          : new TipError('no-wallet', `Could not load WalletConnect: ${errorMessage(err)}`);
      }
      return mod.createReownProvider({ projectId: reownProjectId, chainId, window: win });
    }
    return injectedProvider(win);
  };
}

function parseChainId(value) {
  if (typeof value === 'string' && /^0x[0-9a-fA-F]{1,16}$/.test(value)) return BigInt(value);
  if (typeof value === 'string' && /^[0-9]{1,20}$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new TipError('wallet', 'The wallet reported a malformed chain id.');
}

/**
 * @param {object} params
 * @param {{address: string, chainId: number}} params.evm  the verified announce's tips.evm
 * @param {string} params.amount     native units as typed by the viewer, e.g. "0.01"
 * @param {() => Promise<object>} [params.providerFactory]  default createProviderFactory({window, reownProjectId, chainId})
 * @param {object} [params.window]
 * @param {string} [params.reownProjectId]
 * @param {AbortSignal} [params.signal]   checked before each wallet request; no transaction is sent once aborted
 * @param {(message: string) => void} [params.onProgress]
 * @returns {Promise<object>} an outcome
 */
export async function tipWithEvm(params) {
  const { amount, signal, onProgress = () => {} } = params;
  let target;
  let wei;
  try {
    target = validateEvmTarget(params.evm);
    wei = parseNativeAmount(amount);
  } catch (err) {
    return { state: 'error', code: err.code, message: err.message };
  }
  const providerFactory =
    params.providerFactory ??
    createProviderFactory({
      window: params.window ?? globalThis,
      reownProjectId: params.reownProjectId,
      chainId: target.chainId,
    });
  const aborted = () => ({ state: 'error', code: 'aborted', message: 'The tip was cancelled.' });
  const wanted = BigInt(target.chainId);

  let step = 'connect';
  try {
    onProgress('Connecting to your wallet…');
    const provider = await providerFactory();
    if (!provider || typeof provider.request !== 'function')
      throw new TipError('no-wallet', 'No Ethereum wallet is available.');
    if (signal?.aborted) return aborted();

    const accounts = await provider.request({ method: 'eth_requestAccounts' });
    const from = Array.isArray(accounts) ? accounts[0] : undefined;
    if (typeof from !== 'string' || !ADDRESS_RE.test(from)) throw new TipError('wallet', 'The wallet gave no account.');
    if (signal?.aborted) return aborted();

    if (parseChainId(await provider.request({ method: 'eth_chainId' })) !== wanted) {
      step = 'switch';
      onProgress(`Asking your wallet to switch to ${chainLabel(target.chainId)}…`);
      await provider.request({
        method: 'wallet_switchEthereumChain',
        params: [{ chainId: toHexChainId(target.chainId) }],
      });
      step = 'connect';
    }
    if (signal?.aborted) return aborted();

    // Read again, last thing before sending: the viewer may have changed networks in the wallet
    // since (or the switch did not take).
    const current = parseChainId(await provider.request({ method: 'eth_chainId' }));
    if (current !== wanted) {
      throw new TipError(
        'wrong-chain',
        `The wallet is on chain id ${current}, not ${chainLabel(target.chainId)}; not sending.`,
      );
    }
    step = 'send';
    onProgress('Confirm the transaction in your wallet…');
    const txHash = await provider.request({
      method: 'eth_sendTransaction',
      params: [{ from, to: target.address, value: `0x${wei.toString(16)}`, chainId: toHexChainId(target.chainId) }],
    });
    if (typeof txHash !== 'string' || !TX_HASH_RE.test(txHash)) {
      throw new TipError('wallet', 'The wallet returned no transaction hash; check your wallet.');
    }
    return {
      state: 'paid',
      txHash,
      chainId: target.chainId,
      message: `Sent, thank you! Transaction: ${txHash}`,
    };
  } catch (err) {
    if (isUserRejection(err)) return { state: 'refused', message: 'You cancelled in your wallet.' };
    if (err instanceof TipError) return { state: 'error', code: err.code, message: err.message };
    const codes = errorCodes(err);
    if (step === 'switch' && codes.includes(4902)) {
      return {
        state: 'error',
        code: 'unsupported-chain',
        message: `Your wallet does not know ${chainLabel(target.chainId)}; add that network to your wallet first.`,
      };
    }
    if (codes.includes(-32002)) {
      return {
        state: 'error',
        code: 'wallet',
        message: 'Your wallet already has a pending request: open it and answer that first.',
      };
    }
    return { state: 'error', code: 'wallet', message: `The wallet failed: ${errorMessage(err)}` };
  }
}
