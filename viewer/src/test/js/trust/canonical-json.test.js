// RFC 8785 canonical form beyond the shared vectors: ordering by UTF-16 code units, escaping,
// integers, and refusal of values outside the model.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson, canonicalJsonBytes, parseStrictJson } from '../../../main/js/trust/index.js';

test('keys sort by UTF-16 code units, not code points (RFC 8785 §3.2.3)', () => {
  // U+FB33 (one unit 0xFB33) sorts after U+1F600 (units 0xD83D 0xDE00) although its code point is smaller.
  assert.equal(
    canonicalJson(parseStrictJson('{"\\ufb33":1,"\\ud83d\\ude00":2,"a":3,"B":4,"":5}')),
    '{"":5,"B":4,"a":3,"😀":2,"דּ":1}',
  );
});

test('minimal escaping as ECMAScript JSON.stringify', () => {
  assert.equal(
    canonicalJson('\u0000\u001f\u007f"\\/\b\f\n\r\t\u2028é😀'),
    '"\\u0000\\u001f\u007f\\"\\\\/\\b\\f\\n\\r\\t\u2028é😀"',
  );
  assert.deepEqual(canonicalJsonBytes('é'), new Uint8Array([0x22, 0xc3, 0xa9, 0x22]));
});

test('integers are plain decimals, -0 is 0, nesting and whitespace vanish', () => {
  assert.equal(
    canonicalJson(parseStrictJson('[ -0 , 0, 10, -9007199254740991 , {"b":[true,false], "a":{}} ]')),
    '[0,0,10,-9007199254740991,{"a":{},"b":[true,false]}]',
  );
});

test('values outside the model are refused', () => {
  for (const bad of [
    null,
    undefined,
    1.5,
    NaN,
    2 ** 53,
    () => 1,
    Symbol('s'),
    10n,
    { a: null },
    ['\ud800'],
    { '\udc00': 1 },
  ]) {
    assert.throws(() => canonicalJson(bad), TypeError);
  }
});
