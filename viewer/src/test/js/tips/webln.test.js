import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { tipWithLightning, parseSatsAmount, isWeblnRefusal } from '../../../main/js/tips/webln-tip.js';
import { makeInvoice, sha256Hex } from './invoice-fixture.js';
import { fakeFetch, json } from './fake-fetch.js';

const ADDRESS = 'bob@ln.example.org';
const WELL_KNOWN = 'https://ln.example.org/.well-known/lnurlp/bob';
const CALLBACK = 'https://ln.example.org/cb/bob';
const METADATA = JSON.stringify([['text/plain', 'Tip bob']]);

/** A Lightning address service whose invoices commit to `paymentHash`; fetch fails when `down`. */
function lnService({ paymentHash = '22'.repeat(32) } = {}) {
  return fakeFetch({
    [WELL_KNOWN]: () =>
      json({ tag: 'payRequest', callback: CALLBACK, minSendable: 1000, maxSendable: 1e9, metadata: METADATA }),
    [`${CALLBACK}?amount=1000000`]: () =>
      json({ pr: makeInvoice({ amount: '10u', paymentHash, descriptionHash: sha256Hex(METADATA) }), routes: [] }),
  });
}

const corsFailure = async () => {
  throw new TypeError('Failed to fetch');
};

/** A WebLN provider recording calls; behaviour per method given as functions. */
function fakeWebln({ enable = async () => {}, sendPayment, lnurl } = {}) {
  const calls = [];
  const webln = {
    enable: async (...a) => {
      calls.push(['enable', ...a]);
      return enable(...a);
    },
    sendPayment: async (...a) => {
      calls.push(['sendPayment', ...a]);
      return sendPayment(...a);
    },
  };
  if (lnurl)
    webln.lnurl = async (...a) => {
      calls.push(['lnurl', ...a]);
      return lnurl(...a);
    };
  return { webln, calls };
}

function preimagePair() {
  const preimage = randomBytes(32);
  return { preimage: preimage.toString('hex'), paymentHash: createHash('sha256').update(preimage).digest('hex') };
}

test('success: enable, sendPayment with the fetched invoice, preimage checked against the payment hash', async () => {
  const { preimage, paymentHash } = preimagePair();
  const fetch = lnService({ paymentHash });
  const { webln, calls } = fakeWebln({ sendPayment: async () => ({ preimage }) });
  const progress = [];
  const outcome = await tipWithLightning({
    address: ADDRESS,
    amountSats: '1000',
    window: { webln },
    fetch,
    onProgress: (m) => progress.push(m),
  });
  assert.equal(outcome.state, 'paid');
  assert.equal(outcome.via, 'webln');
  assert.equal(outcome.preimage, preimage);
  assert.match(outcome.message, new RegExp(preimage));
  assert.deepEqual(
    calls.map((c) => c[0]),
    ['enable', 'sendPayment'],
  );
  assert.equal(calls[1][1], outcome.invoice);
  assert.equal(calls[1][1], makeInvoice({ amount: '10u', paymentHash, descriptionHash: sha256Hex(METADATA) }));
  assert.ok(progress.length >= 2);
});

test('a preimage that does not hash to the payment hash is not a success', async () => {
  const { paymentHash } = preimagePair();
  const fetch = lnService({ paymentHash });
  const { webln } = fakeWebln({ sendPayment: async () => ({ preimage: 'ab'.repeat(32) }) });
  const outcome = await tipWithLightning({ address: ADDRESS, amountSats: 1000, window: { webln }, fetch });
  assert.equal(outcome.state, 'error');
  assert.match(outcome.message, /does not match/);
  const { webln: noProof } = fakeWebln({ sendPayment: async () => ({}) });
  assert.equal(
    (await tipWithLightning({ address: ADDRESS, amountSats: 1000, window: { webln: noProof }, fetch })).state,
    'error',
  );
});

test('an invoice without a payment hash is refused before the wallet sees it, never reported paid', async () => {
  const fetch = fakeFetch({
    [WELL_KNOWN]: () =>
      json({ tag: 'payRequest', callback: CALLBACK, minSendable: 1000, maxSendable: 1e9, metadata: METADATA }),
    [`${CALLBACK}?amount=1000000`]: () =>
      json({ pr: makeInvoice({ amount: '10u', paymentHash: null, descriptionHash: sha256Hex(METADATA) }) }),
  });
  const { webln, calls } = fakeWebln({ sendPayment: async () => ({ preimage: 'ab'.repeat(32) }) });
  const outcome = await tipWithLightning({ address: ADDRESS, amountSats: 1000, window: { webln }, fetch });
  assert.equal(outcome.state, 'error');
  assert.equal(outcome.code, 'invalid-invoice');
  assert.match(outcome.message, /no payment hash/);
  assert.deepEqual(calls, []);
});

test('enable() refused → refused, nothing paid', async () => {
  const { webln, calls } = fakeWebln({
    enable: async () => {
      throw new Error('User rejected');
    },
    sendPayment: async () => assert.fail('must not pay'),
  });
  const outcome = await tipWithLightning({
    address: ADDRESS,
    amountSats: '1000',
    window: { webln },
    fetch: lnService(),
  });
  assert.equal(outcome.state, 'refused');
  assert.deepEqual(
    calls.map((c) => c[0]),
    ['enable'],
  );
});

test('sendPayment refused → refused; sendPayment failing otherwise → error', async () => {
  const { webln } = fakeWebln({
    sendPayment: async () => {
      throw new Error('User rejected the payment');
    },
  });
  const refused = await tipWithLightning({
    address: ADDRESS,
    amountSats: '1000',
    window: { webln },
    fetch: lnService(),
  });
  assert.equal(refused.state, 'refused');
  assert.match(refused.message, /cancelled/);

  const { webln: broken } = fakeWebln({
    sendPayment: async () => {
      throw new Error('no route found');
    },
  });
  const failed = await tipWithLightning({
    address: ADDRESS,
    amountSats: '1000',
    window: { webln: broken },
    fetch: lnService(),
  });
  assert.equal(failed.state, 'error');
  assert.match(failed.message, /no route found/);

  assert.equal(isWeblnRefusal(new Error('Prompt was closed')), true);
  assert.equal(isWeblnRefusal({ code: 4001, message: 'x' }), true);
  assert.equal(isWeblnRefusal(new Error('insufficient balance')), false);
});

test('no WebLN → the checked invoice is returned for display', async () => {
  const fetch = lnService();
  const outcome = await tipWithLightning({ address: ADDRESS, amountSats: '1000', window: {}, fetch });
  assert.equal(outcome.state, 'invoice');
  assert.equal(
    outcome.invoice,
    makeInvoice({ amount: '10u', paymentHash: '22'.repeat(32), descriptionHash: sha256Hex(METADATA) }),
  );
  assert.equal(outcome.address, ADDRESS);
  assert.equal(fetch.calls.length, 2);
});

test('CORS/network failure with webln.lnurl → the wallet is handed "lightning:" + address; sent, never paid', async () => {
  const { webln, calls } = fakeWebln({
    sendPayment: async () => assert.fail('no invoice to pay'),
    lnurl: async () => ({ preimage: 'cd'.repeat(32) }),
  });
  const outcome = await tipWithLightning({
    address: ADDRESS,
    amountSats: '1000',
    window: { webln },
    fetch: corsFailure,
  });
  // No invoice was seen here, so the wallet's preimage proves nothing to this page: sent, not paid.
  assert.equal(outcome.state, 'sent');
  assert.equal(outcome.via, 'webln-lnurl');
  assert.equal(outcome.preimage, undefined);
  assert.match(outcome.message, /cannot confirm/);
  assert.deepEqual(calls, [['enable'], ['lnurl', 'lightning:bob@ln.example.org']]);

  const { webln: refusing } = fakeWebln({
    lnurl: async () => {
      throw new Error('User cancelled');
    },
  });
  assert.equal(
    (await tipWithLightning({ address: ADDRESS, amountSats: '1000', window: { webln: refusing }, fetch: corsFailure }))
      .state,
    'refused',
  );
});

test('CORS failure without webln.lnurl, or without WebLN → the address is shown', async () => {
  const none = await tipWithLightning({ address: ADDRESS, amountSats: '1000', window: {}, fetch: corsFailure });
  assert.equal(none.state, 'address');
  assert.equal(none.address, ADDRESS);
  const { webln, calls } = fakeWebln({ sendPayment: async () => assert.fail('no invoice') });
  const noLnurl = await tipWithLightning({
    address: ADDRESS,
    amountSats: '1000',
    window: { webln },
    fetch: corsFailure,
  });
  assert.equal(noLnurl.state, 'address');
  assert.deepEqual(calls, []);
});

test('a refused invoice is not bypassed through webln.lnurl', async () => {
  const fetch = fakeFetch({
    [WELL_KNOWN]: () =>
      json({ tag: 'payRequest', callback: CALLBACK, minSendable: 1000, maxSendable: 1e9, metadata: METADATA }),
    [`${CALLBACK}?amount=1000000`]: () =>
      json({ pr: makeInvoice({ amount: '11u', descriptionHash: sha256Hex(METADATA) }) }),
  });
  const { webln, calls } = fakeWebln({
    sendPayment: async () => assert.fail('x'),
    lnurl: async () => assert.fail('x'),
  });
  const outcome = await tipWithLightning({ address: ADDRESS, amountSats: '1000', window: { webln }, fetch });
  assert.equal(outcome.state, 'error');
  assert.equal(outcome.code, 'amount-mismatch');
  assert.deepEqual(calls, []);
});

test('the sats amount is validated before any request', async () => {
  assert.equal(parseSatsAmount(' 21 '), 21n);
  for (const bad of ['', '0', '-5', '1.5', '1e3', 'abc', '10000001', '0x10']) {
    assert.throws(
      () => parseSatsAmount(bad),
      (e) => e.code === 'invalid-amount',
      bad,
    );
  }
  const fetch = lnService();
  const outcome = await tipWithLightning({ address: ADDRESS, amountSats: '1.5', window: {}, fetch });
  assert.equal(outcome.state, 'error');
  assert.equal(outcome.code, 'invalid-amount');
  assert.equal(fetch.calls.length, 0);
});
