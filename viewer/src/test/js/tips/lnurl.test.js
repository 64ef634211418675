import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseLightningAddress,
  fetchLightningInvoice,
  callbackUrl,
  validatePayRequest,
} from '../../../main/js/tips/lnurl-pay.js';
import { tipWithLightning } from '../../../main/js/tips/webln-tip.js';
import { makeInvoice, sha256Hex } from './invoice-fixture.js';
import { fakeFetch, json } from './fake-fetch.js';

const ADDRESS = 'alice@pay.example.com';
const WELL_KNOWN = 'https://pay.example.com/.well-known/lnurlp/alice';
const METADATA = JSON.stringify([
  ['text/plain', 'Tip alice'],
  ['text/identifier', ADDRESS],
]);

function payRequest(overrides = {}) {
  return {
    tag: 'payRequest',
    callback: 'https://cb.example.net/lnurlp/alice/callback?k1=abc%20def',
    minSendable: 1000,
    maxSendable: 100_000_000,
    metadata: METADATA,
    ...overrides,
  };
}

/** A service whose callback answers with an invoice built by `makeInvoiceFor(amountMsat)`. */
function service({ pr = payRequest(), invoiceFor } = {}) {
  const expectedCallback = (msat) => callbackUrl(pr.callback, msat);
  const routes = { [WELL_KNOWN]: () => json(pr) };
  const fetch = async (url, init) => {
    const u = new URL(url);
    if (url === WELL_KNOWN || !u.searchParams.has('amount')) return fakeInner(url, init);
    const msat = BigInt(u.searchParams.get('amount'));
    fetch.calls.push({ url, init });
    if (url !== expectedCallback(msat)) throw new TypeError('unexpected callback URL ' + url);
    return json(
      invoiceFor
        ? invoiceFor(msat)
        : { pr: makeInvoice({ amount: `${msat / 100n}n`, descriptionHash: sha256Hex(pr.metadata) }), routes: [] },
    );
  };
  const fakeInner = fakeFetch(routes);
  fetch.calls = fakeInner.calls;
  return fetch;
}

test('Lightning address → well-known URL; malformed addresses refused', () => {
  assert.deepEqual(parseLightningAddress('alice@pay.example.com'), {
    user: 'alice',
    domain: 'pay.example.com',
    url: 'https://pay.example.com/.well-known/lnurlp/alice',
  });
  assert.equal(parseLightningAddress('a.b-c_d+e@x.io').url, 'https://x.io/.well-known/lnurlp/a.b-c_d+e');
  for (const bad of [
    'Alice@example.com',
    'alice@localhost',
    'alice@example.com:8443',
    'alice',
    '@example.com',
    'alice@@example.com',
    'a/b@example.com',
    'alice@exa_mple.com',
    'alice@-x.com',
    'alice@example.com/x',
    'a@b@c.com',
    42,
  ]) {
    assert.throws(
      () => parseLightningAddress(bad),
      (e) => e.code === 'invalid-target',
      String(bad),
    );
  }
});

test('callback URL: amount appended after an existing query, or as the query', () => {
  assert.equal(callbackUrl('https://x.com/cb?k1=abc%20def', 21000n), 'https://x.com/cb?k1=abc%20def&amount=21000');
  assert.equal(callbackUrl('https://x.com/cb', 1000n), 'https://x.com/cb?amount=1000');
  assert.equal(callbackUrl('https://x.com/cb?', 1000n), 'https://x.com/cb?amount=1000');
  assert.equal(callbackUrl('https://x.com/cb?a=1&b=2#frag', 5n), 'https://x.com/cb?a=1&b=2&amount=5');
});

test('happy path: exact URLs, exact amount, invoice returned', async () => {
  const fetch = service();
  const { invoice, decoded, payRequest: req } = await fetchLightningInvoice(ADDRESS, 21_000n, { fetch });
  assert.deepEqual(
    fetch.calls.map((c) => c.url),
    [WELL_KNOWN, 'https://cb.example.net/lnurlp/alice/callback?k1=abc%20def&amount=21000'],
  );
  assert.equal(decoded.amountMsat, 21_000n);
  assert.equal(decoded.descriptionHash, sha256Hex(METADATA));
  assert.ok(invoice.startsWith('lnbc210n1'));
  assert.equal(req.description, 'Tip alice');
  assert.equal(req.minSendable, 1000n);
  for (const c of fetch.calls) {
    assert.equal(c.init.credentials, 'omit');
    assert.ok(c.init.signal instanceof AbortSignal);
  }
});

test('amount out of bounds: clear message, callback never called', async () => {
  const fetch = service({ pr: payRequest({ minSendable: 10_000_000, maxSendable: 50_000_000 }) });
  await assert.rejects(
    fetchLightningInvoice(ADDRESS, 9_000_000n, { fetch }),
    (e) =>
      e.code === 'amount-out-of-bounds' &&
      /between 10000 and 50000 sats/.test(e.message) &&
      /9000 sats/.test(e.message),
  );
  await assert.rejects(
    fetchLightningInvoice(ADDRESS, 50_001_000n, { fetch }),
    (e) => e.code === 'amount-out-of-bounds',
  );
  assert.deepEqual(
    fetch.calls.map((c) => c.url),
    [WELL_KNOWN, WELL_KNOWN],
  );
  // the bounds themselves are accepted
  await fetchLightningInvoice(ADDRESS, 10_000_000n, { fetch });
  await fetchLightningInvoice(ADDRESS, 50_000_000n, { fetch });
});

test('invoice for another amount → refused and never paid', async () => {
  for (const wrong of ['220n', '21u', '']) {
    const fetch = service({
      invoiceFor: () => ({ pr: makeInvoice({ amount: wrong, descriptionHash: sha256Hex(METADATA) }) }),
    });
    await assert.rejects(
      fetchLightningInvoice(ADDRESS, 21_000n, { fetch }),
      (e) => e.code === 'amount-mismatch',
      wrong,
    );

    const sent = [];
    const webln = {
      enable: async () => {},
      sendPayment: async (pr) => {
        sent.push(pr);
        return { preimage: '00'.repeat(32) };
      },
    };
    const outcome = await tipWithLightning({ address: ADDRESS, amountSats: '21', window: { webln }, fetch });
    assert.equal(outcome.state, 'error');
    assert.match(outcome.message, /not paying/);
    assert.deepEqual(sent, [], 'sendPayment never called');
  }
});

test('description hash: must equal SHA-256 of the metadata string', async () => {
  const other = service({
    invoiceFor: (msat) => ({
      pr: makeInvoice({ amount: `${msat / 100n}n`, descriptionHash: sha256Hex('something else') }),
    }),
  });
  await assert.rejects(
    fetchLightningInvoice(ADDRESS, 21_000n, { fetch: other }),
    (e) => e.code === 'description-mismatch',
  );
  await assert.rejects(
    fetchLightningInvoice(ADDRESS, 21_000n, { fetch: other, requireDescriptionHash: false }),
    (e) => e.code === 'description-mismatch',
  );

  const none = service({
    invoiceFor: (msat) => ({ pr: makeInvoice({ amount: `${msat / 100n}n`, description: 'Tip alice' }) }),
  });
  await assert.rejects(
    fetchLightningInvoice(ADDRESS, 21_000n, { fetch: none }),
    (e) => e.code === 'description-mismatch',
  );
  const relaxed = await fetchLightningInvoice(ADDRESS, 21_000n, { fetch: none, requireDescriptionHash: false });
  assert.equal(relaxed.decoded.amountMsat, 21_000n);
});

test('{status: "ERROR", reason} from the pay request or the callback', async () => {
  const first = fakeFetch({ [WELL_KNOWN]: () => json({ status: 'ERROR', reason: 'user not found' }, 404) });
  await assert.rejects(
    fetchLightningInvoice(ADDRESS, 21_000n, { fetch: first }),
    (e) => e.code === 'service-error' && /user not found/.test(e.message),
  );
  const second = service({ invoiceFor: () => ({ status: 'ERROR', reason: 'amount too low today' }) });
  await assert.rejects(
    fetchLightningInvoice(ADDRESS, 21_000n, { fetch: second }),
    (e) => e.code === 'service-error' && /amount too low today/.test(e.message),
  );
});

test('oversized responses are refused (streamed or declared)', async () => {
  const big = JSON.stringify({ ...payRequest(), padding: 'x'.repeat(70 * 1024) });
  const streamed = fakeFetch({ [WELL_KNOWN]: () => new Response(new Blob([big]).stream()) });
  await assert.rejects(fetchLightningInvoice(ADDRESS, 21_000n, { fetch: streamed }), (e) => e.code === 'too-large');
  const declared = fakeFetch({
    [WELL_KNOWN]: () => new Response('{}', { headers: { 'content-length': String(1024 * 1024) } }),
  });
  await assert.rejects(fetchLightningInvoice(ADDRESS, 21_000n, { fetch: declared }), (e) => e.code === 'too-large');
  // the same body under the limit passes the size check
  const small = fakeFetch({ [WELL_KNOWN]: () => new Response(big) });
  await assert.rejects(
    fetchLightningInvoice(ADDRESS, 21_000n, { fetch: small, maxBytes: 128 * 1024 }),
    (e) => e.code === 'network',
  );
});

test('non-https callback and other invalid pay requests are refused', async () => {
  const http = service({ pr: payRequest({ callback: 'http://cb.example.net/cb' }) });
  await assert.rejects(
    fetchLightningInvoice(ADDRESS, 21_000n, { fetch: http }),
    (e) => e.code === 'invalid-response' && /not https/.test(e.message),
  );
  assert.equal(http.calls.length, 1, 'the http callback was never requested');

  const bad = [
    payRequest({ tag: 'withdrawRequest' }),
    payRequest({ callback: 'javascript:alert(1)' }),
    payRequest({ callback: 'https://user:pw@cb.example.net/' }),
    payRequest({ minSendable: 2000, maxSendable: 1000 }),
    payRequest({ minSendable: 1.5 }),
    payRequest({ maxSendable: '1000' }),
    payRequest({ minSendable: 0 }),
    payRequest({ metadata: 'not json' }),
    payRequest({ metadata: JSON.stringify({ a: 1 }) }),
    payRequest({ metadata: undefined }),
  ];
  for (const pr of bad)
    assert.throws(
      () => validatePayRequest(pr),
      (e) => e.code === 'invalid-response',
      JSON.stringify(pr),
    );
  assert.equal(validatePayRequest(payRequest({ maxSendable: 2.1e18 })).maxSendable, 2_100_000_000_000_000_000n);
});

test('timeouts, aborts, HTTP errors, non-JSON', async () => {
  const hanging = async (url, init) =>
    new Promise((_, reject) =>
      init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
    );
  await assert.rejects(
    fetchLightningInvoice(ADDRESS, 21_000n, { fetch: hanging, timeoutMs: 30 }),
    (e) => e.code === 'timeout',
  );

  const controller = new AbortController();
  const pending = fetchLightningInvoice(ADDRESS, 21_000n, {
    fetch: hanging,
    signal: controller.signal,
    timeoutMs: 10_000,
  });
  controller.abort();
  await assert.rejects(pending, (e) => e.code === 'aborted');

  const notFound = fakeFetch({ [WELL_KNOWN]: () => new Response('<html>no</html>', { status: 404 }) });
  await assert.rejects(
    fetchLightningInvoice(ADDRESS, 21_000n, { fetch: notFound }),
    (e) => e.code === 'http' && /404/.test(e.message),
  );
  const html = fakeFetch({ [WELL_KNOWN]: () => new Response('<html>hi</html>') });
  await assert.rejects(fetchLightningInvoice(ADDRESS, 21_000n, { fetch: html }), (e) => e.code === 'invalid-response');
  const noPr = service({ invoiceFor: () => ({ routes: [] }) });
  await assert.rejects(fetchLightningInvoice(ADDRESS, 21_000n, { fetch: noPr }), (e) => e.code === 'invalid-response');
  const garbage = service({ invoiceFor: () => ({ pr: 'lnbc1notaninvoice' }) });
  await assert.rejects(
    fetchLightningInvoice(ADDRESS, 21_000n, { fetch: garbage }),
    (e) => e.code === 'invalid-invoice',
  );
});
