import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bech32 } from '@scure/base';
import { bolt11AmountMsat, decodeBolt11, parseInvoiceHrp, bech32Decode } from '../../../main/js/tips/bolt11.js';
import { makeInvoice, sha256Hex } from './invoice-fixture.js';

// Examples from BOLT #11, extracted verbatim into bolt11-spec-vectors.json.
const { vectors } = JSON.parse(readFileSync(new URL('./bolt11-spec-vectors.json', import.meta.url), 'utf8'));
function spec(titleStart) {
  const found = vectors.filter((v) => v.title.startsWith(titleStart));
  assert.equal(found.length, 1, `one spec vector titled "${titleStart}…"`);
  return found[0].invoice;
}

const CAKE =
  'One piece of chocolate cake, one icecream cone, one pickle, one slice of swiss cheese, one slice of salami, one lollypop, one piece of cherry pie, one sausage, one cupcake, and one slice of watermelon';

test('BOLT11 spec examples: amounts in msat', () => {
  assert.equal(bolt11AmountMsat(spec('Please make a donation of any amount')), null);
  assert.equal(bolt11AmountMsat(spec('Please send $3 for a cup of coffee')), 250_000_000n); // 2500u = 250 000 sat
  assert.equal(bolt11AmountMsat(spec('Please send 0.0025 BTC for a cup of nonsense')), 250_000_000n);
  assert.equal(bolt11AmountMsat(spec('Now send $24')), 2_000_000_000n); // 20m
  assert.equal(bolt11AmountMsat(spec('The same, on testnet')), 2_000_000_000n);
  assert.equal(bolt11AmountMsat(spec('On mainnet, with fallback address 1Rusty')), 2_000_000_000n);
  assert.equal(bolt11AmountMsat(spec('On mainnet, with fallback (P2SH)')), 2_000_000_000n);
  assert.equal(bolt11AmountMsat(spec('On mainnet, with fallback (P2WPKH)')), 2_000_000_000n);
  assert.equal(bolt11AmountMsat(spec('On mainnet, with fallback (P2WSH)')), 2_000_000_000n);
  assert.equal(bolt11AmountMsat(spec('On mainnet, with fallback (P2TR)')), 2_000_000_000n);
  // spec: "9678785340 pico-bitcoin = 967878534 milli satoshi"
  assert.equal(bolt11AmountMsat(spec('Please send 0.00967878534 BTC')), 967_878_534n);
  assert.equal(bolt11AmountMsat(spec('Please send $30 for coffee beans')), 2_500_000_000n); // 25m
  assert.equal(bolt11AmountMsat(spec('Same, but all upper case')), 2_500_000_000n);
  assert.equal(bolt11AmountMsat(spec('Please send 0.01 BTC with payment metadata')), 1_000_000_000n); // 10m
  assert.equal(bolt11AmountMsat(spec('Public-key recovery with high-S')), null);
});

test('BOLT11 spec examples: network, timestamp, tagged fields', () => {
  const d = decodeBolt11(spec('Please make a donation of any amount'));
  assert.equal(d.network, 'bc');
  assert.equal(d.timestamp, 1496314658);
  assert.equal(d.paymentHash, '0001020304050607080900010203040506070809000102030405060708090102');
  assert.equal(d.description, 'Please consider supporting this project');
  assert.equal(d.descriptionHash, null);

  assert.equal(decodeBolt11(spec('Please send $3 for a cup of coffee')).description, '1 cup coffee');
  assert.equal(decodeBolt11(spec('Please send 0.0025 BTC for a cup of nonsense')).description, 'ナンセンス 1杯');

  assert.equal(decodeBolt11(spec('Now send $24')).descriptionHash, sha256Hex(CAKE));
  assert.equal(decodeBolt11(spec('Now send $24')).description, null);
  const testnet = decodeBolt11(spec('The same, on testnet'));
  assert.equal(testnet.network, 'tb');
  assert.equal(testnet.descriptionHash, sha256Hex(CAKE));

  const pico = decodeBolt11(spec('Please send 0.00967878534 BTC'));
  assert.equal(pico.timestamp, 1572468703);
  assert.equal(pico.paymentHash, '462264ede7e14047e9b249da94fefc47f41f7d02ee9b091815a5506bc8abf75f');
  assert.equal(decodeBolt11(spec('Same, but all upper case')).description, 'coffee beans');
});

test('BOLT11 spec invalid examples that this decoder can judge are refused', () => {
  const refused = (titleStart, re) =>
    assert.throws(
      () => bolt11AmountMsat(spec(titleStart)),
      (e) => e.code === 'invalid-invoice' && re.test(e.message),
      titleStart,
    );
  refused('Bech32 checksum is invalid', /checksum/);
  refused('Malformed bech32 string (no 1)', /separator/);
  refused('Malformed bech32 string (mixed case)', /case/);
  refused('String is too short', /too short/);
  refused('Invalid multiplier', /multiplier|prefix/);
  refused('Invalid sub-millisatoshi precision', /sub-millisatoshi/);
  // p/h/s/n fields of the wrong length fail the invoice (BOLT11 reader rule; the example is
  // still listed under valid ones, see lightning/bolts#1358).
  refused('Same, but including fields which must be ignored', /wrong length/);
  // Not judged here (left to the paying wallet): feature bits, a missing `s` field.
});
test('every multiplier, built invoices', () => {
  const cases = [
    ['1', 100_000_000_000n],
    ['21', 2_100_000_000_000n],
    ['1m', 100_000_000n],
    ['1u', 100_000n],
    ['1n', 100n],
    ['7n', 700n],
    ['10p', 1n],
    ['12340p', 1234n],
    ['', null],
  ];
  for (const [amount, msat] of cases) {
    const inv = makeInvoice({ amount });
    assert.equal(bolt11AmountMsat(inv), msat, amount);
    assert.equal(bolt11AmountMsat(inv.toUpperCase()), msat, amount + ' upper case');
  }
  assert.equal(decodeBolt11(makeInvoice({ network: 'bcrt', amount: '50u' })).network, 'bcrt');
  assert.equal(decodeBolt11(makeInvoice({ network: 'bcrt', amount: '50u' })).amountMsat, 5_000_000n);
  assert.equal(decodeBolt11(makeInvoice({ network: 'bcrt' })).amountMsat, null);
  assert.equal(decodeBolt11(makeInvoice({ network: 'tbs', amount: '3m' })).amountMsat, 300_000_000n);
});

test('p amounts must be a multiple of 10 pico-BTC', () => {
  assert.throws(() => bolt11AmountMsat(makeInvoice({ amount: '1p' })), /sub-millisatoshi/);
  assert.throws(() => bolt11AmountMsat(makeInvoice({ amount: '12345p' })), /sub-millisatoshi/);
  assert.equal(bolt11AmountMsat(makeInvoice({ amount: '12350p' })), 1235n);
});

test('malformed human-readable parts are refused', () => {
  const bad = ['lnbc2500x', 'lnbc01u', 'lnbc0', 'lnxx1u', 'lnbcm', 'lnbc1mm', 'bc2500u', 'lnbc2500u1', 'ln', 'lnbc1u5'];
  for (const hrp of bad)
    assert.throws(
      () => parseInvoiceHrp(hrp),
      (e) => e.code === 'invalid-invoice',
      hrp,
    );
  assert.deepEqual(parseInvoiceHrp('lnbc'), { network: 'bc', amountMsat: null });
  assert.deepEqual(parseInvoiceHrp('lntb2500u'), { network: 'tb', amountMsat: 250_000_000n });
  // more than all bitcoin
  assert.throws(() => parseInvoiceHrp('lnbc21000001'), /absurd/);
  assert.equal(parseInvoiceHrp('lnbc21000000').amountMsat, 2_100_000_000_000_000_000n);
});

test('a changed character or amount breaks the checksum', () => {
  const inv = makeInvoice({ amount: '2500u' });
  const tampered = inv.replace('lnbc2500u', 'lnbc2600u');
  assert.throws(() => bolt11AmountMsat(tampered), /checksum/);
  const flipped = inv.slice(0, 40) + (inv[40] === 'q' ? 'p' : 'q') + inv.slice(41);
  assert.throws(() => bolt11AmountMsat(flipped), /checksum/);
  assert.throws(() => bolt11AmountMsat(inv + 'q'), /checksum/);
  assert.throws(
    () => bolt11AmountMsat(inv.replace('1', 'b')),
    (e) => e.code === 'invalid-invoice',
  );
  assert.throws(
    () => bolt11AmountMsat(`lightning:${inv}`),
    (e) => e.code === 'invalid-invoice',
  );
  assert.throws(
    () => bolt11AmountMsat(42),
    (e) => e.code === 'invalid-invoice',
  );
  assert.throws(() => bolt11AmountMsat('x'.repeat(9000)), /too long/);
});

test('bech32: BIP-173 valid and invalid vectors, round trip beyond 90 characters', () => {
  for (const s of [
    'A12UEL5L',
    'a12uel5l',
    'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw',
    'split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w',
    '?1ezyfcl',
  ]) {
    assert.doesNotThrow(() => bech32Decode(s), s);
  }
  for (const s of [
    'pzry9x0s0muk',
    '1pzry9x0s0muk',
    'x1b4n0q5v',
    'li1dgmt3',
    'A1G7SGD8',
    '10a06t8',
    '1qzzfhee',
    'a12UEL5L',
  ]) {
    assert.throws(
      () => bech32Decode(s),
      (e) => e.code === 'invalid-invoice',
      s,
    );
  }
  const words = Array.from({ length: 500 }, (_, i) => (i * 13) % 32);
  const encoded = bech32.encode('lnbcrt', words, false);
  assert.ok(encoded.length > 90);
  assert.deepEqual(bech32Decode(encoded), { hrp: 'lnbcrt', words });
});
