// LL-HLS parts of the segment in progress (protocol §4.3, §4.4 rule 4): the `parts` list of a
// MANIFEST_ROOT, read under the same rules as the Java ManifestParts/PartEntry, and how two lists
// signed for one position relate. Parts are outside the Merkle tree; the root's signature covers them.

import { Fields } from './fields.js';
import { SEGMENT_URI, SEGMENT_URI_RULE } from './names.js';
import { malformed } from './problems.js';

/** Parts one root may list: a 30 s segment cut into parts of half a second or more. */
export const MAX_PARTS = 64;
/** The parts of one segment never add up to more than a (long) LL-HLS segment. */
export const MAX_PARTS_DURATION_US = 30_000_000;

/** How a new list relates to the accepted one for the same segment (Java ManifestParts.Order). */
export const PartsOrder = Object.freeze({
  SAME: 'SAME',
  EXTENDS: 'EXTENDS',
  PRECEDES: 'PRECEDES',
  FORK: 'FORK',
});

/**
 * Reads the optional `parts` of a root's fields `f` (absent = []): 1..MAX_PARTS items
 * {uri, durationUs, sha256, size, independent, init}. `readShared(fields)` reads the fields a part
 * shares with a window entry ({sha256, size, init}), so both are read by one piece of code.
 */
export function readParts(f, where, readShared) {
  if (!f.has('parts')) return [];
  const items = f.array('parts', MAX_PARTS);
  if (items.length === 0) throw f.error('parts', 'must list at least one part when present');
  return items.map((item, i) => {
    const g = new Fields(item, `${where}.parts[${i}]`);
    const part = {
      uri: g.matching('uri', SEGMENT_URI, SEGMENT_URI_RULE),
      durationUs: g.integer('durationUs', 1, MAX_PARTS_DURATION_US),
      ...readShared(g),
      independent: g.bool('independent'),
    };
    g.rejectUnknown();
    return part;
  });
}

/**
 * The rules that span the list (count and single-part rules are readParts'): uris distinct from each
 * other, from the window's and from the inits'; durations summing to at most 30 s; an independent
 * first part. Throws MALFORMED.
 */
export function checkParts(parts, window, inits, where) {
  if (parts.length === 0) return;
  const taken = new Set([...window.map((e) => e.uri), ...inits.map((i) => i.uri)]);
  const seen = new Set();
  let total = 0;
  for (const p of parts) {
    if (seen.has(p.uri) || taken.has(p.uri)) throw malformed(`${where}: part uri ${p.uri} is not unique in the root`);
    seen.add(p.uri);
    total += p.durationUs;
  }
  if (total > MAX_PARTS_DURATION_US) {
    throw malformed(`${where}: parts last ${total} us, more than ${MAX_PARTS_DURATION_US}`);
  }
  if (!parts[0].independent) {
    throw malformed(`${where}: the first part must be independent (start with a keyframe)`);
  }
}

/** How `next`'s parts relate to `accepted`'s, both signed for the same segment. */
export function partsOrder(accepted, next) {
  const common = Math.min(accepted.length, next.length);
  for (let i = 0; i < common; i++) {
    if (!samePart(accepted[i], next[i])) return PartsOrder.FORK;
  }
  if (accepted.length === next.length) return PartsOrder.SAME;
  return next.length > accepted.length ? PartsOrder.EXTENDS : PartsOrder.PRECEDES;
}

function samePart(a, b) {
  return (
    a.uri === b.uri &&
    a.durationUs === b.durationUs &&
    a.sha256 === b.sha256 &&
    a.size === b.size &&
    a.independent === b.independent &&
    (a.init?.uri ?? null) === (b.init?.uri ?? null) &&
    (a.init?.sha256 ?? null) === (b.init?.sha256 ?? null) &&
    (a.init?.size ?? null) === (b.init?.size ?? null)
  );
}
