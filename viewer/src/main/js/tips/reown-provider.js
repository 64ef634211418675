// WalletConnect wallets through Reown AppKit, for viewers without a wallet in the browser. Loaded
// only when a viewer clicks the EVM tip button on a page configured with a Reown project id (a
// separate chunk: viewers who never tip never download it). It resolves with the connected wallet's
// EIP-1193 provider; evm-tip.js then switches to the signed chain and sends exactly the signed
// address the entered amount, as it does for an injected wallet.

import { createAppKit } from '@reown/appkit';
import { EthersAdapter } from '@reown/appkit-adapter-ethers';
import * as networks from '@reown/appkit/networks';
import { TipError } from './errors.js';

let kit = null;

function networkFor(chainId) {
  if (!Number.isSafeInteger(chainId) || chainId < 1) {
    throw new TipError('unsupported-chain', `Not a chain id: ${chainId}`);
  }
  const found = Object.values(networks).find((n) => n && typeof n === 'object' && n.id === chainId);
  if (!found) {
    throw new TipError(
      'unsupported-chain',
      `Chain ${chainId} is not one WalletConnect knows here; tip with a browser wallet instead.`,
    );
  }
  return found;
}

/**
 * Opens the AppKit modal and waits for a connection.
 * @returns {Promise<object>} the EIP-1193 provider; rejects with code 4001 if the viewer closes the modal.
 */
export async function createReownProvider({ projectId, chainId, window: win = globalThis }) {
  const network = networkFor(chainId);
  kit ??= createAppKit({
    adapters: [new EthersAdapter()],
    networks: [network],
    defaultNetwork: network,
    projectId,
    metadata: {
      name: 'ownerless',
      description: 'Tip the creator of this stream',
      url: win.location?.origin ?? 'https://ownerless.invalid',
      icons: [],
    },
    features: { analytics: false, email: false, socials: false, swaps: false, onramp: false },
  });
  const connected = () => kit.getIsConnectedState() && kit.getWalletProvider();
  if (connected()) return kit.getWalletProvider();
  await kit.open();
  return new Promise((resolve, reject) => {
    let sawOpen = false;
    const unsubscribers = [];
    const done = (f, v) => {
      unsubscribers.forEach((u) => u());
      f(v);
    };
    unsubscribers.push(
      kit.subscribeProviders(() => {
        if (connected()) done(resolve, kit.getWalletProvider());
      }),
    );
    unsubscribers.push(
      kit.subscribeState((s) => {
        if (s.open) sawOpen = true;
        else if (sawOpen && !connected()) {
          done(reject, Object.assign(new Error('The wallet connection was closed.'), { code: 4001 }));
        }
      }),
    );
  });
}
