// The strict JSON reader of protocol §2.1. Signed objects are read from hostile sources (origins,
// relays, peers), so this parser is hand-written rather than JSON.parse + checks: JSON.parse
// silently keeps the last of duplicate keys, reads 1.0 and 1e0 as 1, rounds big integers and
// recurses natively on nesting. Here every refusal of the Java StrictJson (Jackson with duplicate
// detection, exact decimals, depth 16, 2 MiB) happens while reading, in one linear pass, with an
// explicit stack instead of recursion so no input can exhaust the call stack.
//
// Value model: null-prototype objects (so a "__proto__" key is just a key), arrays, strings,
// booleans and safe integers (numbers). Everything returned is frozen.

import { asUint8 } from './bytes.js';
import { malformed } from './problems.js';

/** Larger than any legitimate announce or manifest (a full 8192-entry window is about 1.4 MiB). */
export const MAX_BYTES = 2 << 20;
/** Containers nested deeper than this are refused (Jackson maxNestingDepth(16) counts the same way). */
export const MAX_DEPTH = 16;
/** 2^53 − 1: the largest integer every JSON implementation, JavaScript included, reads exactly. */
export const MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

// fatal: invalid UTF-8 (incl. overlong forms and encoded surrogates) is an error, never U+FFFD.
// A leading UTF-8 BOM is dropped, as the Java StrictJson drops it (protocol §2.1).
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a strict JSON document: a string, or bytes (Uint8Array / ArrayBuffer / view) that must
 * be valid UTF-8. Returns the value (any JSON type is allowed at top level; the object readers
 * check that). Throws TrustError(MALFORMED) on anything §2.1 refuses.
 */
export function parseStrictJson(input) {
  let text;
  if (typeof input === 'string') {
    // Each UTF-16 unit is at least one UTF-8 byte, so the cheap test settles most oversized input.
    if (input.length > MAX_BYTES || utf8Length(input) > MAX_BYTES) {
      throw malformed(`JSON document too large (limit ${MAX_BYTES} bytes)`);
    }
    text = input;
  } else {
    const bytes = asUint8(input);
    if (bytes.length > MAX_BYTES) {
      throw malformed(`JSON document too large: ${bytes.length} bytes (limit ${MAX_BYTES})`);
    }
    try {
      text = UTF8.decode(bytes);
    } catch {
      throw malformed('JSON document is not valid UTF-8');
    }
  }
  return new Parser(text).document();
}

/** UTF-8 length of a string as TextEncoder would encode it (lone surrogates count as U+FFFD). */
function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function isLow(c) {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** True if `s` has no unpaired UTF-16 surrogate (I-JSON, RFC 7493; no UTF-8 encoding exists for one). */
export function isWellFormedString(s) {
  if (typeof s.isWellFormed === 'function') return s.isWellFormed();
  return !/\p{Cs}/u.test(s); // in u-mode a paired surrogate is one code point, not Cs
}

const WS_SPACE = 0x20;
const WS_TAB = 0x09;
const WS_LF = 0x0a;
const WS_CR = 0x0d;

class Parser {
  constructor(text) {
    this.s = text;
    this.i = 0;
  }

  fail(what) {
    return malformed(`malformed JSON: ${what} at offset ${this.i}`);
  }

  skipWs() {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === WS_SPACE || c === WS_LF || c === WS_CR || c === WS_TAB) i++;
      else break;
    }
    this.i = i;
  }

  document() {
    this.skipWs();
    if (this.i >= this.s.length) {
      throw malformed('empty JSON document');
    }
    const value = this.value();
    this.skipWs();
    if (this.i < this.s.length) {
      throw this.fail('trailing content after the document');
    }
    return value;
  }

  /**
   * Reads one value. Containers push a frame instead of recursing; after each complete value the
   * loop below pops finished containers. Depth is the number of open containers.
   */
  value() {
    const s = this.s;
    const stack = [];
    for (;;) {
      // --- read the start of a value at this.i (whitespace already skipped) ---
      let value;
      let complete = true;
      const c = s.charCodeAt(this.i);
      if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        if (stack.length >= MAX_DEPTH) {
          throw this.fail(`nesting deeper than ${MAX_DEPTH}`);
        }
        const isArray = c === 0x5b;
        this.i++;
        this.skipWs();
        const container = isArray ? [] : Object.create(null);
        if (s.charCodeAt(this.i) === (isArray ? 0x5d : 0x7d)) {
          this.i++;
          value = Object.freeze(container);
        } else {
          const frame = { container, isArray, key: null };
          stack.push(frame);
          if (!isArray) this.key(frame);
          complete = false;
        }
      } else if (c === 0x22 /* " */) {
        value = this.string();
      } else if (c === 0x74 /* t */) {
        value = this.literal('true', true);
      } else if (c === 0x66 /* f */) {
        value = this.literal('false', false);
      } else if (c === 0x6e /* n */) {
        this.literal('null', null);
        throw malformed(`null is not allowed in signed objects (omit the field instead), at offset ${this.i - 4}`);
      } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
        value = this.integer();
      } else if (this.i >= s.length) {
        throw this.fail('unexpected end of input');
      } else {
        throw this.fail(`unexpected character '${s[this.i]}'`);
      }
      if (!complete) {
        this.skipWs();
        continue;
      }

      // --- attach the finished value to its container; close containers that end here ---
      for (;;) {
        if (stack.length === 0) return value;
        const frame = stack[stack.length - 1];
        if (frame.isArray) frame.container.push(value);
        else frame.container[frame.key] = value; // null prototype: "__proto__" is an ordinary key
        this.skipWs();
        const d = s.charCodeAt(this.i);
        if (d === 0x2c /* , */) {
          this.i++;
          this.skipWs();
          if (!frame.isArray) this.key(frame);
          this.skipWs();
          break; // next element
        }
        if (d === (frame.isArray ? 0x5d : 0x7d)) {
          this.i++;
          stack.pop();
          value = Object.freeze(frame.container);
          continue;
        }
        throw this.fail(
          this.i >= s.length
            ? 'unexpected end of input'
            : `expected ',' or '${frame.isArray ? ']' : '}'}', found '${s[this.i]}'`,
        );
      }
    }
  }

  /** Reads `"key" :` into the frame, refusing duplicates (Jackson STRICT_DUPLICATE_DETECTION). */
  key(frame) {
    if (this.s.charCodeAt(this.i) !== 0x22) {
      throw this.fail(this.i >= this.s.length ? 'unexpected end of input' : 'expected a quoted object key');
    }
    const at = this.i;
    const key = this.string();
    if (Object.prototype.hasOwnProperty.call(frame.container, key)) {
      this.i = at;
      throw this.fail(`duplicate key "${key}"`);
    }
    this.skipWs();
    if (this.s.charCodeAt(this.i) !== 0x3a /* : */) {
      throw this.fail("expected ':' after an object key");
    }
    this.i++;
    this.skipWs();
    frame.key = key;
  }

  literal(word, value) {
    if (this.s.startsWith(word, this.i)) {
      this.i += word.length;
      return value;
    }
    throw this.fail('unexpected token');
  }

  /**
   * RFC 8259 number grammar, then the model's restriction: integers only (no fraction, no
   * exponent, whatever their value: 1.0 is a float to Jackson too), within ±(2^53−1). "-0" is the
   * integer 0, as for Jackson; canonical form writes it 0.
   */
  integer() {
    const s = this.s;
    const start = this.i;
    let i = start;
    if (s.charCodeAt(i) === 0x2d) i++;
    const firstDigit = i;
    const c = s.charCodeAt(i);
    if (c === 0x30) {
      i++;
      const d = s.charCodeAt(i);
      if (d >= 0x30 && d <= 0x39) {
        this.i = i;
        throw this.fail('leading zeros are not allowed');
      }
    } else if (c >= 0x31 && c <= 0x39) {
      while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
    } else {
      this.i = i;
      throw this.fail('invalid number');
    }
    const next = s.charCodeAt(i);
    if (next === 0x2e /* . */ || next === 0x65 /* e */ || next === 0x45 /* E */) {
      this.i = start;
      throw this.fail('floating-point numbers are not allowed in signed objects');
    }
    this.i = i;
    // More than 16 digits cannot be safe; checking first keeps Number() from ever seeing them.
    if (i - firstDigit > 16) {
      this.i = start;
      throw this.fail('integer outside the safe range ±(2^53-1)');
    }
    const n = Number(s.slice(start, i));
    if (!(Math.abs(n) <= MAX_SAFE_INTEGER)) {
      this.i = start;
      throw this.fail('integer outside the safe range ±(2^53-1)');
    }
    return n === 0 ? 0 : n; // -0 is 0
  }

  /** A string literal at this.i, with RFC 8259 escapes; refuses raw controls and lone surrogates. */
  string() {
    const s = this.s;
    const start = this.i;
    let i = start + 1;
    let out = '';
    let run = i;
    for (;;) {
      if (i >= s.length) {
        this.i = start;
        throw this.fail('unterminated string');
      }
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        out += s.slice(run, i);
        i++;
        break;
      }
      if (c === 0x5c /* \ */) {
        out += s.slice(run, i);
        const e = s.charCodeAt(i + 1);
        switch (e) {
          case 0x22:
            out += '"';
            break;
          case 0x5c:
            out += '\\';
            break;
          case 0x2f:
            out += '/';
            break;
          case 0x62:
            out += '\b';
            break;
          case 0x66:
            out += '\f';
            break;
          case 0x6e:
            out += '\n';
            break;
          case 0x72:
            out += '\r';
            break;
          case 0x74:
            out += '\t';
            break;
          case 0x75: {
            // \uXXXX, exactly four hex digits
            let code = 0;
            for (let k = 2; k < 6; k++) {
              const h = hexValue(s.charCodeAt(i + k));
              if (h < 0) {
                this.i = i;
                throw this.fail('invalid \\u escape');
              }
              code = (code << 4) | h;
            }
            out += String.fromCharCode(code);
            i += 4;
            break;
          }
          default:
            this.i = i;
            throw this.fail('invalid escape sequence');
        }
        i += 2;
        run = i;
        continue;
      }
      if (c < 0x20) {
        this.i = i;
        throw this.fail('unescaped control character in a string');
      }
      i++;
    }
    // Checked on the decoded value, so a surrogate half written as \uD800 is caught as well as a
    // raw one, and a pair split across an escape and a raw unit is judged as the string it makes.
    if (!isWellFormedString(out)) {
      this.i = start;
      throw this.fail('string contains an unpaired UTF-16 surrogate');
    }
    this.i = i;
    return out;
  }
}

function hexValue(c) {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}
