import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toChecksumAddress, hasValidChecksum } from '../../../main/js/tips/eip55.js';

// The examples of EIP-55 ("Test Cases"): all caps, all lower, normal.
const SPEC_EXAMPLES = [
  '0x52908400098527886E0F7030069857D2E4169EE7',
  '0x8617E340B3D01FA5F11F306F4090FD50E238070D',
  '0xde709f2102306220921060314715629080e2fb77',
  '0x27b1fdb04752bbc536007a920d24acb045561c26',
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];

test('EIP-55 spec examples: checksummed from lower case, and accepted', () => {
  for (const address of SPEC_EXAMPLES) {
    assert.equal(toChecksumAddress(address.toLowerCase()), address);
    assert.equal(hasValidChecksum(address), true, address);
  }
});

test('EIP-55: one letter in the wrong case fails the checksum; one-case addresses carry none', () => {
  const good = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
  for (let i = 2; i < good.length; i++) {
    const c = good[i];
    if (!/[a-fA-F]/.test(c)) continue;
    const flipped = good.slice(0, i) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + good.slice(i + 1);
    assert.equal(hasValidChecksum(flipped), false, flipped);
  }
  assert.equal(hasValidChecksum(good.toLowerCase()), true);
  assert.equal(hasValidChecksum('0x' + good.slice(2).toUpperCase()), true);
});
