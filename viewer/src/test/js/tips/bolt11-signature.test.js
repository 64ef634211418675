import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bech32 } from '@scure/base';
import { decodeBolt11 } from '../../../main/js/tips/bolt11.js';
import { makeInvoice, field, bytesToWords, TEST_NODE_KEY } from './invoice-fixture.js';

// Examples from BOLT #11, extracted verbatim into bolt11-spec-vectors.json.
const { vectors } = JSON.parse(readFileSync(new URL('./bolt11-spec-vectors.json', import.meta.url), 'utf8'));
const spec = (titleStart) => vectors.find((v) => v.title.startsWith(titleStart)).invoice;

// The spec's examples are signed by priv_key e126f68f…, whose node key the first title names.
const SPEC_NODE_KEY = '03e7156ae33b0a208d0744199163177e909e80176e55d97a2f221ede0f934dd9ad';
const OTHER_SECRET = '22'.repeat(32);

const refused = (invoice, re) =>
  assert.throws(
    () => decodeBolt11(invoice),
    (e) => e.code === 'invalid-invoice' && re.test(e.message),
  );

test('BOLT11 spec examples: the payee node key is recovered from the signature', () => {
  const signedBySpecKey = vectors.filter(
    (v) => v.section === 'valid' && !/fields which must be ignored|high-S/.test(v.title),
  );
  assert.ok(signedBySpecKey.length >= 14);
  for (const v of signedBySpecKey) assert.equal(decodeBolt11(v.invoice).payeeNodeKey, SPEC_NODE_KEY, v.title);
  // BOLT #11: without `n`, recovery accepts a high-S signature too.
  assert.match(decodeBolt11(spec('Public-key recovery with high-S')).payeeNodeKey, /^0[23][0-9a-f]{64}$/);
});

test('BOLT11 spec invalid examples: an unrecoverable signature and a high-S signature with n are refused', () => {
  refused(spec('Signature is not recoverable'), /signature/);
  refused(spec("Non canonical signature (high-S) with 'n' field"), /signature does not match/);
});

test('an invoice without a payment hash is refused', () => {
  refused(makeInvoice({ amount: '10u', paymentHash: null, descriptionHash: '33'.repeat(32) }), /no payment hash/);
});

test('a second p, h, n or d field is refused, whichever comes first', () => {
  const second = (type, hex) => [field(type, bytesToWords(Buffer.from(hex, 'hex')))];
  refused(makeInvoice({ extraFields: second(1, '44'.repeat(32)) }), /more than one "p"/);
  refused(makeInvoice({ descriptionHash: '33'.repeat(32), extraFields: second(23, '55'.repeat(32)) }), /"h"/);
  refused(makeInvoice({ nodeKey: TEST_NODE_KEY, extraFields: second(19, TEST_NODE_KEY) }), /"n"/);
  refused(makeInvoice({ description: 'a', extraFields: second(13, '62') }), /"d"/);
});

test('an n field must be the key that signed the invoice', () => {
  assert.equal(decodeBolt11(makeInvoice({ nodeKey: TEST_NODE_KEY })).payeeNodeKey, TEST_NODE_KEY);
  refused(makeInvoice({ nodeKey: TEST_NODE_KEY, secretKey: OTHER_SECRET }), /does not match its node key/);
  refused(makeInvoice({ nodeKey: SPEC_NODE_KEY.replace(/^03/, '02') }), /does not match its node key/);
});

test('a tampered signature or a field changed after signing is refused when the invoice names its node', () => {
  const flipR = (words) => [words[0] ^ 1, ...words.slice(1)];
  refused(makeInvoice({ amount: '10u', nodeKey: TEST_NODE_KEY, signature: flipR }), /does not match its node key/);
  // Re-encoding keeps the bech32 checksum valid: only the signature can tell.
  const { prefix, words } = bech32.decode(makeInvoice({ amount: '10u', nodeKey: TEST_NODE_KEY }), false);
  refused(bech32.encode(prefix.replace('10u', '20u'), words, false), /does not match its node key/);
});

test('without an n field, a changed field recovers another node, and a bad recovery id is refused', () => {
  const { prefix, words } = bech32.decode(makeInvoice({ amount: '10u' }), false);
  assert.equal(decodeBolt11(bech32.encode(prefix, words, false)).payeeNodeKey, TEST_NODE_KEY);
  const changed = decodeBolt11(bech32.encode(prefix.replace('10u', '20u'), words, false));
  assert.notEqual(changed.payeeNodeKey, TEST_NODE_KEY);
  const recoveryId7 = (sig) => [...sig.slice(0, 103), 7]; // the last word holds the id's low 5 bits
  refused(makeInvoice({ amount: '10u', signature: recoveryId7 }), /recovery id/);
});
