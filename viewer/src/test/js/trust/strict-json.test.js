// The strict JSON model of protocol §2.1: each refusal class, the accepted edge cases, nesting and
// size bounds, and cost on hostile input.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_BYTES, MAX_DEPTH, TrustError, parseStrictJson } from '../../../main/js/trust/index.js';

function refused(input, messagePart) {
  assert.throws(
    () => parseStrictJson(input),
    (e) => {
      assert.ok(e instanceof TrustError, `not a TrustError: ${e}`);
      assert.equal(e.problem, 'MALFORMED');
      if (messagePart) assert.match(e.message, messagePart, `${JSON.stringify(input).slice(0, 60)}: ${e.message}`);
      return true;
    },
    `should refuse ${typeof input === 'string' ? JSON.stringify(input).slice(0, 80) : 'bytes'}`,
  );
}

const bytes = (s) => new TextEncoder().encode(s);

test('each refusal class of the Java StrictJsonTest', () => {
  refused('{"a":1.5}', /floating-point/);
  refused('{"a":1e3}', /floating-point/);
  refused('{"a":1E3}', /floating-point/);
  refused('{"a":-0.0}', /floating-point/);
  refused('{"a":1.0}', /floating-point/);
  refused('{"a":null}', /null is not allowed/);
  refused('{"a":9007199254740992}', /safe range/);
  refused('{"a":-9007199254740992}', /safe range/);
  refused('{"a":123456789012345678901234567890}', /safe range/);
  refused('{"a":1,"a":2}', /duplicate key/);
  refused('{"a":1} {}', /trailing content/);
  refused('{"a":"\\ud800x"}', /unpaired UTF-16 surrogate/);
  refused('{"a":NaN}', /unexpected character/);
  refused('{"a":', /end of input/);
  refused('', /empty/);
  refused('   \n', /empty/);
});

test('more malformed JSON', () => {
  for (const s of [
    '{"a":01}',
    '{"a":-}',
    '{"a":+1}',
    '{"a":.5}',
    '{"a":1.}',
    '{"a":Infinity}',
    '{a:1}',
    "{'a':1}",
    '{"a":1,}',
    '[1,]',
    '[,1]',
    '{"a" 1}',
    '{"a":1 "b":2}',
    '{"a":tru}',
    '{"a":truex}',
    '[1 2]',
    '{"a":"\\x"}',
    '{"a":"\\u12"}',
    '{"a":"\\u12g4"}',
    '{"a":"x\ny"}',
    '{"a":"\t"}',
    '{"a":"unterminated}',
    '{"a":1}x',
    '{"a":1}}',
    '[]]',
    '\u00a0{}',
    '\ufeff{}',
    '{"a":1}\u2028',
    '// c\n{}',
    '{"a":[1]/*c*/}',
    '{"a":0x10}',
    '{"a":-01}',
    '{"a":1_000}',
    '"\u0000"',
  ]) {
    refused(s);
  }
});

test('duplicate keys are caught however they are spelled, __proto__ included', () => {
  refused('{"a":1,"\\u0061":2}', /duplicate/);
  refused('{"__proto__":1,"__proto__":2}', /duplicate/);
  refused('{"x":{"b":1,"c":2,"b":3}}', /duplicate/);
  const v = parseStrictJson('{"__proto__":{"polluted":true},"constructor":1}');
  assert.equal(Object.getPrototypeOf(v), null);
  assert.deepEqual(Object.keys(v), ['__proto__', 'constructor']);
  assert.equal(v.__proto__.polluted, true);
  assert.equal({}.polluted, undefined);
});

test('unpaired surrogates are refused raw or escaped, in values and keys; pairs are fine', () => {
  refused('{"a":"\\udc00"}', /surrogate/);
  refused('{"a":"\\ud83d"}', /surrogate/);
  refused('{"a":"\\ude00\\ud83d"}', /surrogate/); // wrong order
  refused('{"a":"\ud800"}', /surrogate/); // raw lone high surrogate in a JS string input
  refused('{"\\ud800":1}', /surrogate/);
  assert.equal(parseStrictJson('{"a":"\\ud83d\\ude00"}').a, '😀');
  assert.equal(parseStrictJson('{"a":"😀"}').a, '😀');
  assert.equal(parseStrictJson('{"a":"\ud83d\\ude00"}').a, '😀'); // raw high + escaped low make a pair
});

test('invalid UTF-8 bytes are refused; a UTF-8 BOM is dropped as by Jackson', () => {
  refused(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), /UTF-8/);
  refused(new Uint8Array([0x22, 0xc0, 0xaf, 0x22]), /UTF-8/); // overlong '/'
  refused(new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22]), /UTF-8/); // CESU surrogate
  refused(new Uint8Array([0x22, 0xe2, 0x82, 0x22]), /UTF-8/); // truncated sequence
  assert.deepEqual(Object.keys(parseStrictJson(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{"a":1}')]))), ['a']);
  assert.equal(parseStrictJson(bytes('"café ✓"')), 'café ✓');
  assert.equal(parseStrictJson(new Uint8Array(bytes('["x"]')).buffer)[0], 'x');
});

test('accepted: safe-range integers, -0 as 0, escapes, whitespace, any top-level value, frozen output', () => {
  const v = parseStrictJson(
    ' {"max":9007199254740991,"min":-9007199254740991,"z":-0,"e":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u00E9","t":true,"f":false,"a":[[],{}]}\r\n\t',
  );
  assert.equal(v.max, Number.MAX_SAFE_INTEGER);
  assert.equal(v.min, -Number.MAX_SAFE_INTEGER);
  assert.ok(Object.is(v.z, 0));
  assert.equal(v.e, '"\\/\b\f\n\r\téé');
  assert.equal(v.t, true);
  assert.equal(v.f, false);
  assert.deepEqual(v.a, [[], Object.create(null)]);
  assert.ok(Object.isFrozen(v) && Object.isFrozen(v.a) && Object.isFrozen(v.a[1]));
  assert.equal(parseStrictJson('17'), 17);
  assert.equal(parseStrictJson('"s"'), 's');
  assert.deepEqual(parseStrictJson('[1,"2",true]'), [1, '2', true]);
  assert.equal(parseStrictJson('"\u007f"'), '\u007f'); // DEL is not a control character in JSON
});

test(`nesting: depth ${MAX_DEPTH} is accepted, ${MAX_DEPTH + 1} refused, for arrays and objects`, () => {
  assert.equal(MAX_DEPTH, 16);
  const arrays = (d) => '['.repeat(d) + ']'.repeat(d);
  const objects = (d) => '{"a":'.repeat(d - 1) + '{}' + '}'.repeat(d - 1);
  parseStrictJson(arrays(16));
  parseStrictJson(objects(16));
  refused(arrays(17), /nesting deeper than 16/);
  refused(objects(17), /nesting deeper than 16/);
  refused('{"a":' + arrays(16) + '}', /nesting/);
});

test('depth 10000 (and 1 MiB of brackets) is refused quickly without a stack overflow', () => {
  const started = performance.now();
  refused('['.repeat(10000) + ']'.repeat(10000), /nesting/);
  refused('{"a":'.repeat(10000) + '1' + '}'.repeat(10000), /nesting/);
  refused('['.repeat(1 << 20), /nesting/);
  assert.ok(performance.now() - started < 1000, 'deep nesting took too long');
});

test(`size bound: exactly ${MAX_BYTES} bytes is accepted, one more is refused (bytes and strings)`, () => {
  assert.equal(MAX_BYTES, 2 * 1024 * 1024);
  const doc = (n) => '"' + 'x'.repeat(n - 2) + '"';
  assert.equal(parseStrictJson(doc(MAX_BYTES)).length, MAX_BYTES - 2);
  assert.equal(parseStrictJson(bytes(doc(MAX_BYTES))).length, MAX_BYTES - 2);
  refused(doc(MAX_BYTES + 1), /too large/);
  refused(bytes(doc(MAX_BYTES + 1)), /too large/);
  // A string under the limit in UTF-16 units but over it in UTF-8 bytes (é is 2 bytes).
  const wide = '"' + 'é'.repeat(MAX_BYTES / 2) + '"';
  assert.ok(wide.length < MAX_BYTES);
  refused(wide, /too large/);
  refused(new Uint8Array(MAX_BYTES + 1), /too large/); // refused before decoding anything
});

test('hostile input costs linear time: many keys, long strings, many escapes', () => {
  const started = performance.now();
  const keys = Array.from({ length: 100000 }, (_, i) => `"k${i}":${i}`).join(',');
  assert.equal(Object.keys(parseStrictJson(`{${keys}}`)).length, 100000);
  assert.equal(parseStrictJson('"' + '\\n'.repeat(500000) + '"').length, 500000);
  assert.equal(parseStrictJson('[' + '1,'.repeat(500000) + '1]').length, 500001);
  assert.ok(performance.now() - started < 3000, 'parsing took too long');
});
