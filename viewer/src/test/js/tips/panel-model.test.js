import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  normalizeTips,
  describeTargets,
  statusFromOutcome,
  createTipController,
  shortenMiddle,
  TIP_STATES,
} from '../../../main/js/tips/tip-model.js';
import { renderTipPanel } from '../../../main/js/tips/tip-panel.js';
import * as api from '../../../main/js/tips/index.js';
import { makeInvoice, sha256Hex } from './invoice-fixture.js';
import { fakeFetch, json } from './fake-fetch.js';

const PREIMAGE = '5f'.repeat(32);
const EVM = { address: '0x52908400098527886E0F7030069857D2E4169EE7', chainId: 8453 };

test('normalizeTips keeps well-formed targets only; nothing → null', () => {
  assert.equal(normalizeTips(undefined), null);
  assert.equal(normalizeTips({}), null);
  assert.equal(normalizeTips({ lightning: 'Bad@Example.com' }), null);
  assert.deepEqual(normalizeTips({ lightning: 'a@b.co' }), { lightning: 'a@b.co', evm: null });
  assert.deepEqual(normalizeTips({ evm: EVM }), { lightning: null, evm: EVM });
  assert.deepEqual(normalizeTips({ lightning: 'a@b.co', evm: { ...EVM, chainId: -1 } }), {
    lightning: 'a@b.co',
    evm: null,
  });
});

test('renderTipPanel without tips renders nothing and returns a no-op', () => {
  const container = { append: () => assert.fail('nothing may be rendered') };
  for (const tips of [undefined, null, {}, { lightning: 'NOT AN ADDRESS' }]) {
    const handle = renderTipPanel(container, tips);
    assert.equal(typeof handle.destroy, 'function');
    handle.destroy();
  }
});

test('targets are described with the full target, a shortened one, units and chain', () => {
  const [ln, evm] = describeTargets({ lightning: 'alice@pay.example.com', evm: EVM }, { defaultSats: 2100 });
  assert.equal(ln.kind, 'lightning');
  assert.equal(ln.target, 'alice@pay.example.com');
  assert.equal(ln.targetHref, 'lightning:alice@pay.example.com');
  assert.equal(ln.amountDefault, '2100');
  assert.match(ln.amountLabel, /sats/);
  assert.equal(evm.kind, 'evm');
  assert.equal(evm.target, EVM.address);
  assert.equal(evm.targetShort, '0x529084…169EE7');
  assert.equal(evm.chainId, 8453);
  assert.match(evm.heading, /8453/);
  assert.match(evm.amountLabel, /ETH/);
  assert.match(describeTargets({ evm: { ...EVM, chainId: 424242 } })[0].amountLabel, /native units of chain 424242/);
  assert.equal(shortenMiddle('short'), 'short');
});

test('outcomes map onto the six feedback states; an unverifiable "sent" is not "paid" and has no proof', () => {
  assert.deepEqual(TIP_STATES, ['idle', 'working', 'paid', 'sent', 'refused', 'error']);
  const sent = statusFromOutcome({ state: 'sent', via: 'webln-lnurl', message: 'm' });
  assert.deepEqual([sent.state, sent.proof], ['sent', null]);
  const paid = statusFromOutcome({ state: 'paid', preimage: 'ab'.repeat(32), message: 'm' });
  assert.deepEqual([paid.state, paid.proof], ['paid', 'ab'.repeat(32)]);
  assert.equal(statusFromOutcome({ state: 'paid', txHash: '0x1', message: 'm' }).proof, '0x1');
  assert.equal(statusFromOutcome({ state: 'refused', message: 'm' }).state, 'refused');
  assert.equal(statusFromOutcome({ state: 'error', message: 'm' }).state, 'error');
  const inv = statusFromOutcome({ state: 'invoice', invoice: 'lnbc1x', message: 'm' });
  assert.deepEqual([inv.state, inv.fallback], ['idle', { kind: 'invoice', value: 'lnbc1x', href: 'lightning:lnbc1x' }]);
  const addr = statusFromOutcome({ state: 'address', address: 'a@b.co', message: 'm' });
  assert.deepEqual(addr.fallback, { kind: 'address', value: 'a@b.co', href: 'lightning:a@b.co' });
  assert.equal(statusFromOutcome(undefined).state, 'error');
  for (const o of ['paid', 'sent', 'refused', 'error', 'invoice', 'address']) {
    assert.ok(TIP_STATES.includes(statusFromOutcome({ state: o, message: '' }).state));
  }
});

test('controller: one tip per target at a time, working → paid, real flows underneath', async () => {
  const metadata = JSON.stringify([['text/plain', 'tip']]);
  const fetch = fakeFetch({
    'https://b.co/.well-known/lnurlp/a': () =>
      json({ tag: 'payRequest', callback: 'https://b.co/cb', minSendable: 1000, maxSendable: 1e9, metadata }),
    'https://b.co/cb?amount=21000': () =>
      json({
        pr: makeInvoice({
          amount: '210n',
          paymentHash: sha256Hex(Buffer.from(PREIMAGE, 'hex')),
          descriptionHash: sha256Hex(metadata),
        }),
      }),
  });
  let release;
  const gate = new Promise((r) => {
    release = r;
  });
  const sent = [];
  const webln = {
    enable: async () => {},
    sendPayment: async (pr) => {
      sent.push(pr);
      await gate;
      return { preimage: PREIMAGE };
    },
  };
  const changes = [];
  const c = createTipController(normalizeTips({ lightning: 'a@b.co' }), { window: { webln }, fetch }, (kind, s) =>
    changes.push([kind, s.state]),
  );
  assert.equal(c.status('lightning').state, 'idle');
  assert.equal(c.status('evm'), null);
  const first = c.pay('lightning', '21');
  while (sent.length === 0) await new Promise((r) => setTimeout(r, 1));
  assert.equal(c.busy('lightning'), true);
  const second = await c.pay('lightning', '21'); // ignored while busy
  assert.equal(second.state, 'working');
  release();
  const done = await first;
  assert.equal(done.state, 'paid');
  assert.equal(done.proof, PREIMAGE);
  assert.equal(sent.length, 1);
  assert.ok(changes.every(([k]) => k === 'lightning'));
  assert.deepEqual([...new Set(changes.map(([, s]) => s))], ['working', 'paid']);
  assert.equal(c.busy('lightning'), false);
});

test('controller: EVM path and destroy() stops updates and sending', async () => {
  const requests = [];
  let continueChain;
  const chainGate = new Promise((r) => {
    continueChain = r;
  });
  const provider = {
    async request({ method }) {
      requests.push(method);
      if (method === 'eth_requestAccounts') return ['0x8617e340b3d01fa5f11f306f4090fd50e238070d'];
      if (method === 'eth_chainId') {
        await chainGate;
        return '0x2105';
      }
      if (method === 'eth_sendTransaction') return '0x' + 'cd'.repeat(32);
      return null;
    },
  };
  const changes = [];
  const c = createTipController(normalizeTips({ evm: EVM }), { window: { ethereum: provider } }, (kind, s) =>
    changes.push(s.state),
  );
  const p = c.pay('evm', '0.01');
  while (!requests.includes('eth_chainId')) await new Promise((r) => setTimeout(r, 1));
  c.destroy();
  continueChain();
  await p;
  assert.ok(!requests.includes('eth_sendTransaction'), 'nothing sent after destroy');
  assert.ok(
    changes.every((s) => s === 'working'),
    'no update after destroy',
  );
  assert.equal(await c.pay('evm', '0.01'), null);

  const c2 = createTipController(normalizeTips({ evm: EVM }), { window: { ethereum: provider } });
  const paid = await c2.pay('evm', '0.01');
  assert.equal(paid.state, 'paid');
  assert.equal(paid.proof, '0x' + 'cd'.repeat(32));
});

test('index.js exports the public API', () => {
  for (const name of [
    'renderTipPanel',
    'bolt11AmountMsat',
    'decodeBolt11',
    'fetchLightningInvoice',
    'tipWithLightning',
    'tipWithEvm',
    'parseNativeAmount',
    'createProviderFactory',
    'TipError',
  ]) {
    assert.equal(typeof api[name], 'function', name);
  }
});
