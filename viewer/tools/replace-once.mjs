// The one way our build-time patches of npm packages change code: an exact anchor, found exactly once.

/** `source` with `anchor` replaced; throws `changed` if the anchor is missing or not unique. */
export function replaceOnce(source, anchor, replacement, changed) {
  const at = source.indexOf(anchor);
  if (at < 0 || source.indexOf(anchor, at + 1) >= 0) throw new Error(changed);
  return source.slice(0, at) + replacement + source.slice(at + anchor.length);
}
