// Verified objects are handed to player code; freezing them makes "verified" stay true: nothing
// downstream can edit a window entry or a URL after the signature was checked.

/** Freezes a plain tree of objects and arrays (typed arrays are left alone: they cannot be frozen). */
export function deepFreeze(value) {
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    for (const k of Object.keys(value)) deepFreeze(value[k]);
    Object.freeze(value);
  }
  return value;
}
