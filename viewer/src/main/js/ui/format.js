// Small text formats for the page.
export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

export function percent(x) {
  return `${Math.round(x * 100)} %`;
}

/** "AbCd…WxYz": enough of a key to recognise it, with the whole key one click away. */
export function shortKey(pub) {
  return pub.length > 12 ? `${pub.slice(0, 6)}…${pub.slice(-6)}` : pub;
}
