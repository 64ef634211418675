// Reads the fields of one JSON object by name and type, remembering which were read, so that
// rejectUnknown() can refuse anything the format does not define (§2.1: a field a verifier ignores
// is a field an attacker can use). Mirrors the Java JsonFields, limits included, so both sides give
// the same verdict on the same object. Every failure is TrustError(MALFORMED).

import { malformed } from './problems.js';

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

export function isJsonObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class Fields {
  /** `where` names the object in messages, e.g. "MANIFEST_ROOT.window[3]". */
  constructor(value, where) {
    if (!isJsonObject(value)) {
      throw malformed(`${where}: expected a JSON object`);
    }
    this.value = value;
    this.where = where;
    this.read = new Set();
  }

  has(name) {
    return hasOwn(this.value, name);
  }

  /** A string of at most `maxLength` UTF-16 units (Java String.length()). */
  string(name, maxLength) {
    const v = this.require(name);
    if (typeof v !== 'string') throw this.error(name, 'must be a string');
    if (v.length > maxLength) throw this.error(name, `longer than ${maxLength} characters`);
    return v;
  }

  /** A string (at most 4096 units, as in Java) wholly matching `pattern` (anchored by the caller). */
  matching(name, pattern, description) {
    const v = this.string(name, 4096);
    if (!pattern.test(v)) throw this.error(name, `must be ${description}`);
    return v;
  }

  /** An integer in [min, max]; the strict parser already bounded every number to the safe range. */
  integer(name, min, max) {
    const v = this.require(name);
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw this.error(name, 'must be an integer');
    if (v < min || v > max) throw this.error(name, `must be between ${min} and ${max}, got ${v}`);
    return v;
  }

  bool(name) {
    const v = this.require(name);
    if (typeof v !== 'boolean') throw this.error(name, 'must be true or false');
    return v;
  }

  object(name) {
    const v = this.require(name);
    if (!isJsonObject(v)) throw this.error(name, 'must be an object');
    return new Fields(v, `${this.where}.${name}`);
  }

  optionalObject(name) {
    return this.has(name) ? this.object(name) : null;
  }

  /** The array's elements, at most `maxItems` of them. */
  array(name, maxItems) {
    const v = this.require(name);
    if (!Array.isArray(v)) throw this.error(name, 'must be an array');
    if (v.length > maxItems) throw this.error(name, `has more than ${maxItems} items`);
    return v;
  }

  stringArray(name, maxItems, maxLength) {
    const items = this.array(name, maxItems);
    items.forEach((item, i) => {
      if (typeof item !== 'string' || item.length > maxLength) {
        throw this.error(`${name}[${i}]`, `must be a string of at most ${maxLength} characters`);
      }
    });
    return items.slice();
  }

  /** Fails on the first field no reader asked for. */
  rejectUnknown() {
    for (const name of Object.keys(this.value)) {
      if (!this.read.has(name)) {
        throw malformed(`${this.where}: unknown field '${name}'`);
      }
    }
  }

  error(name, problem) {
    return malformed(`${this.where}.${name} ${problem}`);
  }

  require(name) {
    if (!this.has(name)) throw malformed(`${this.where}: missing field '${name}'`);
    this.read.add(name);
    return this.value[name];
  }
}
