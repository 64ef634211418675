import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseNativeAmount,
  formatNativeAmount,
  tipWithEvm,
  toHexChainId,
  createProviderFactory,
  isUserRejection,
  validateEvmTarget,
} from '../../../main/js/tips/evm-tip.js';

const TARGET = { address: '0x52908400098527886E0F7030069857D2E4169EE7', chainId: 8453 };
const VIEWER = '0x8617e340b3d01fa5f11f306f4090fd50e238070d';
const TX = '0x' + 'ab'.repeat(32);

function rpcError(code, message = `error ${code}`) {
  return Object.assign(new Error(message), { code });
}

/**
 * A mock EIP-1193 provider: starts on `chainId`, records every request; `fail` maps a method to
 * the error it throws; wallet_switchEthereumChain changes the chain unless `stuck`.
 */
function mockProvider({ chainId = '0x2105', fail = {}, stuck = false, accounts = [VIEWER], txHash = TX } = {}) {
  const requests = [];
  let chain = chainId;
  return {
    requests,
    async request({ method, params }) {
      requests.push(params === undefined ? { method } : { method, params });
      if (fail[method]) throw fail[method];
      switch (method) {
        case 'eth_requestAccounts':
          return accounts;
        case 'eth_chainId':
          return chain;
        case 'wallet_switchEthereumChain':
          if (!stuck) chain = params[0].chainId;
          return null;
        case 'eth_sendTransaction':
          return txHash;
        default:
          throw rpcError(4200, 'unsupported');
      }
    },
  };
}

const factoryOf = (provider) => async () => provider;

test('decimal → wei is exact', () => {
  const cases = [
    ['0.000000000000000001', 1n],
    ['1.5', 1_500_000_000_000_000_000n],
    ['1', 10n ** 18n],
    ['0.1', 10n ** 17n],
    ['0.3', 3n * 10n ** 17n], // 0.1 + 0.2 territory: no floats involved
    ['123.456789012345678901', 123_456_789_012_345_678_901n],
    ['.5', 5n * 10n ** 17n],
    ['2.', 2n * 10n ** 18n],
    [' 0.01 ', 10n ** 16n],
    ['999999999999.999999999999999999', 10n ** 30n - 1n],
  ];
  for (const [text, wei] of cases) assert.equal(parseNativeAmount(text), wei, text);
  assert.equal(formatNativeAmount(1n), '0.000000000000000001');
  assert.equal(formatNativeAmount(1_500_000_000_000_000_000n), '1.5');
  assert.equal(formatNativeAmount(10n ** 18n), '1');
  for (const [, wei] of cases) assert.equal(parseNativeAmount(formatNativeAmount(wei)), wei);
});

test('amount refusals', () => {
  const bad = [
    '',
    ' ',
    '-1',
    '-0.5',
    '0',
    '0.0',
    '.',
    '00.000',
    '1e18',
    '1E-3',
    '1,5',
    '0x10',
    'abc',
    '1.2.3',
    '+1',
    '0.0000000000000000001',
    '1000000000000',
    '9'.repeat(70),
    'Infinity',
    'NaN',
    '١',
  ];
  for (const text of bad)
    assert.throws(
      () => parseNativeAmount(text),
      (e) => e.code === 'invalid-amount',
      JSON.stringify(text),
    );
  assert.throws(
    () => parseNativeAmount(1.5),
    (e) => e.code === 'invalid-amount',
  );
  assert.throws(() => parseNativeAmount('-1'), /negative/);
  assert.throws(() => parseNativeAmount('0'), /more than zero/);
  assert.throws(() => parseNativeAmount('0.0000000000000000001'), /18 decimals/);
  assert.throws(() => parseNativeAmount('1,5'), /dot/);
});

test('same chain: requestAccounts, chainId read twice, sendTransaction {from, to, value, chainId}', async () => {
  const provider = mockProvider();
  const outcome = await tipWithEvm({ evm: TARGET, amount: '1.5', providerFactory: factoryOf(provider) });
  assert.equal(outcome.state, 'paid');
  assert.equal(outcome.txHash, TX);
  assert.match(outcome.message, new RegExp(TX));
  assert.deepEqual(provider.requests, [
    { method: 'eth_requestAccounts' },
    { method: 'eth_chainId' },
    { method: 'eth_chainId' },
    {
      method: 'eth_sendTransaction',
      params: [{ from: VIEWER, to: TARGET.address, value: '0x14d1120d7b160000', chainId: '0x2105' }],
    },
  ]);
  assert.equal(BigInt(provider.requests[3].params[0].value), 1_500_000_000_000_000_000n);
});

test('another chain: wallet_switchEthereumChain with the hex chain id, re-checked before sending', async () => {
  assert.equal(toHexChainId(8453), '0x2105');
  assert.equal(toHexChainId(1), '0x1');
  assert.equal(toHexChainId(11155111), '0xaa36a7');
  const provider = mockProvider({ chainId: '0x1' });
  const outcome = await tipWithEvm({
    evm: TARGET,
    amount: '0.000000000000000001',
    providerFactory: factoryOf(provider),
  });
  assert.equal(outcome.state, 'paid');
  assert.deepEqual(provider.requests, [
    { method: 'eth_requestAccounts' },
    { method: 'eth_chainId' },
    { method: 'wallet_switchEthereumChain', params: [{ chainId: '0x2105' }] },
    { method: 'eth_chainId' },
    { method: 'eth_sendTransaction', params: [{ from: VIEWER, to: TARGET.address, value: '0x1', chainId: '0x2105' }] },
  ]);
});

test('the wallet moves to another chain after the first check: refused, nothing sent', async () => {
  // The viewer switches networks in the wallet while the page waits (e.g. on the account prompt).
  const provider = mockProvider();
  const original = provider.request;
  let reads = 0;
  provider.request = async (args) => {
    if (args.method === 'eth_chainId' && ++reads === 2) {
      provider.requests.push({ method: 'eth_chainId' });
      return '0x1';
    }
    return original(args);
  };
  const outcome = await tipWithEvm({ evm: TARGET, amount: '1', providerFactory: factoryOf(provider) });
  assert.equal(outcome.state, 'error');
  assert.equal(outcome.code, 'wrong-chain');
  assert.match(outcome.message, /chain id 1, not Base \(chain id 8453\)/);
  assert.ok(!provider.requests.some((r) => r.method === 'eth_sendTransaction'));
});

test('an EVM target whose EIP-55 checksum is wrong never reaches the wallet', async () => {
  let made = 0;
  const factory = async () => {
    made++;
    return mockProvider();
  };
  // One letter of a checksummed address put in the other case.
  const typo = { ...TARGET, address: '0x52908400098527886e0F7030069857D2E4169EE7' };
  const outcome = await tipWithEvm({ evm: typo, amount: '1', providerFactory: factory });
  assert.equal(outcome.code, 'invalid-target');
  assert.match(outcome.message, /EIP-55 checksum/);
  assert.equal(made, 0);
  // One case only carries no checksum (EIP-55): accepted as signed.
  for (const address of [TARGET.address.toLowerCase(), '0x' + TARGET.address.slice(2).toUpperCase()]) {
    assert.equal(validateEvmTarget({ ...TARGET, address }).address, address);
  }
});

test('4902: the wallet lacks the chain; nothing is sent', async () => {
  const provider = mockProvider({
    chainId: '0x1',
    fail: { wallet_switchEthereumChain: rpcError(4902, 'Unrecognized chain ID') },
  });
  const outcome = await tipWithEvm({ evm: TARGET, amount: '1', providerFactory: factoryOf(provider) });
  assert.equal(outcome.state, 'error');
  assert.equal(outcome.code, 'unsupported-chain');
  assert.match(outcome.message, /Base \(chain id 8453\)/);
  assert.ok(!provider.requests.some((r) => r.method === 'eth_sendTransaction'));
  // MetaMask mobile nests it
  const nested = mockProvider({
    chainId: '0x1',
    fail: { wallet_switchEthereumChain: Object.assign(rpcError(-32603), { data: { originalError: { code: 4902 } } }) },
  });
  assert.equal(
    (await tipWithEvm({ evm: TARGET, amount: '1', providerFactory: factoryOf(nested) })).code,
    'unsupported-chain',
  );
});

test('a wallet that stays on the wrong chain gets no transaction', async () => {
  const provider = mockProvider({ chainId: '0x1', stuck: true });
  const outcome = await tipWithEvm({ evm: TARGET, amount: '1', providerFactory: factoryOf(provider) });
  assert.equal(outcome.state, 'error');
  assert.equal(outcome.code, 'wrong-chain');
  assert.ok(!provider.requests.some((r) => r.method === 'eth_sendTransaction'));
});

test('4001 anywhere is the viewer refusing; other errors are errors', async () => {
  for (const method of ['eth_requestAccounts', 'wallet_switchEthereumChain', 'eth_sendTransaction']) {
    const provider = mockProvider({ chainId: '0x1', fail: { [method]: rpcError(4001, 'User rejected the request.') } });
    const outcome = await tipWithEvm({ evm: TARGET, amount: '1', providerFactory: factoryOf(provider) });
    assert.equal(outcome.state, 'refused', method);
    assert.match(outcome.message, /cancelled/);
  }
  const nested = mockProvider({
    fail: { eth_sendTransaction: { code: -32603, message: 'x', data: { originalError: { code: 4001 } } } },
  });
  assert.equal((await tipWithEvm({ evm: TARGET, amount: '1', providerFactory: factoryOf(nested) })).state, 'refused');
  assert.equal(isUserRejection({ info: { error: { code: 4001 } } }), true);
  assert.equal(isUserRejection(rpcError(-32000)), false);

  const broke = mockProvider({ fail: { eth_sendTransaction: rpcError(-32000, 'insufficient funds for gas') } });
  const outcome = await tipWithEvm({ evm: TARGET, amount: '1', providerFactory: factoryOf(broke) });
  assert.equal(outcome.state, 'error');
  assert.match(outcome.message, /insufficient funds/);
  const pending = mockProvider({ fail: { eth_requestAccounts: rpcError(-32002, 'already pending') } });
  assert.match(
    (await tipWithEvm({ evm: TARGET, amount: '1', providerFactory: factoryOf(pending) })).message,
    /pending request/,
  );
  const badHash = mockProvider({ txHash: 'ok' });
  assert.equal((await tipWithEvm({ evm: TARGET, amount: '1', providerFactory: factoryOf(badHash) })).state, 'error');
  const noAccount = mockProvider({ accounts: [] });
  assert.equal((await tipWithEvm({ evm: TARGET, amount: '1', providerFactory: factoryOf(noAccount) })).state, 'error');
});

test('a bad amount or target never reaches the wallet', async () => {
  let made = 0;
  const factory = async () => {
    made++;
    return mockProvider();
  };
  assert.equal((await tipWithEvm({ evm: TARGET, amount: '0', providerFactory: factory })).code, 'invalid-amount');
  assert.equal(
    (await tipWithEvm({ evm: { ...TARGET, address: '0x123' }, amount: '1', providerFactory: factory })).code,
    'invalid-target',
  );
  assert.equal(
    (await tipWithEvm({ evm: { ...TARGET, chainId: 0 }, amount: '1', providerFactory: factory })).code,
    'invalid-target',
  );
  assert.equal(made, 0);
  assert.throws(
    () => validateEvmTarget({ address: TARGET.address, chainId: '8453' }),
    (e) => e.code === 'invalid-target',
  );
});

test('abort before sending: no transaction', async () => {
  const controller = new AbortController();
  const provider = mockProvider();
  const original = provider.request;
  provider.request = async (args) => {
    const result = await original(args);
    if (args.method === 'eth_chainId') controller.abort();
    return result;
  };
  const outcome = await tipWithEvm({
    evm: TARGET,
    amount: '1',
    providerFactory: factoryOf(provider),
    signal: controller.signal,
  });
  assert.equal(outcome.code, 'aborted');
  assert.ok(!provider.requests.some((r) => r.method === 'eth_sendTransaction'));
});

test('provider seam: injected by default, Reown module when a project id is configured', async () => {
  const injected = mockProvider();
  const win = { ethereum: injected };
  // default: window.ethereum
  const outcome = await tipWithEvm({ evm: TARGET, amount: '1', window: win });
  assert.equal(outcome.state, 'paid');
  assert.equal(injected.requests.length, 4); // accounts, chain id, chain id again, transaction
  // no wallet at all
  const none = await tipWithEvm({ evm: TARGET, amount: '1', window: {} });
  assert.equal(none.code, 'no-wallet');

  // Reown configured and loadable → its provider, built with the project id and the signed chain
  const reownProvider = mockProvider();
  const built = [];
  const loadReownModule = async () => ({
    createReownProvider: async (opts) => {
      built.push(opts);
      return reownProvider;
    },
  });
  const factory = createProviderFactory({ window: win, reownProjectId: 'pid123', chainId: 8453, loadReownModule });
  assert.equal(await factory(), reownProvider);
  assert.deepEqual(
    built.map(({ projectId, chainId }) => ({ projectId, chainId })),
    [{ projectId: 'pid123', chainId: 8453 }],
  );

  // Reown configured but its chunk fails to load (offline, blocked) → the injected wallet; none → no-wallet
  const failing = async () => {
    throw new Error('chunk load failed');
  };
  assert.equal(
    await createProviderFactory({ window: win, reownProjectId: 'pid123', loadReownModule: failing })(),
    injected,
  );
  await assert.rejects(
    createProviderFactory({ window: {}, reownProjectId: 'pid123', loadReownModule: failing })(),
    (e) => e.code === 'no-wallet',
  );
  // no project id → the loader is not even called
  let loaded = 0;
  const plain = createProviderFactory({
    window: win,
    loadReownModule: async () => {
      loaded++;
      return {};
    },
  });
  assert.equal(await plain(), injected);
  assert.equal(loaded, 0);
  // the viewer closing the Reown modal is a refusal
  const closing = createProviderFactory({
    window: {},
    reownProjectId: 'pid',
    loadReownModule: async () => ({
      createReownProvider: async () => {
        throw rpcError(4001, 'Modal closed');
      },
    }),
  });
  assert.equal((await tipWithEvm({ evm: TARGET, amount: '1', providerFactory: closing })).state, 'refused');
});
