// Validation of the discovery hints in an announce (§3 `hints`): absolute URLs with an allowed
// scheme, a host, no credentials, no fragment, ≤ 2048 characters. The Java side judges them with
// java.net.URI (RFC 2396 plus Java's deviations); the WHATWG URL parser is far more lenient
// (it repairs backslashes, spaces, IDNs...), so this is a transcription of the java.net.URI rules
// that matter for a hierarchical "scheme://authority/path?query" URL. Anything java.net.URI would
// parse without a server-based host, or not at all, is refused here too.

export const MAX_HINTS = 16;
export const MAX_HINT_LENGTH = 2048;
export const ORIGIN_SCHEMES = Object.freeze(['http', 'https']);
export const TRACKER_SCHEMES = Object.freeze(['ws', 'wss']);

const ALNUM = /[A-Za-z0-9]/;
// java.net.URI character classes (ASCII part).
const UNRESERVED_MARK = "-_.!~*'()";
const PCHAR_EXTRA = ':@&=+$,';
const PATH_EXTRA = ';/';
const RESERVED = ';/?:@&=+$,[]';

function isAsciiIn(c, extra) {
  return ALNUM.test(c) || UNRESERVED_MARK.includes(c) || extra.includes(c);
}

// java.net.URI lets "other" characters through unescaped: above U+0080, not a space separator
// (Character.isSpaceChar) and not an ISO control (U+007F..U+009F).
const SPACE_SEPARATOR = /[\p{Zs}\p{Zl}\p{Zp}]/u;
function isOther(code, ch) {
  return code > 0x80 && !(code >= 0x7f && code <= 0x9f) && !SPACE_SEPARATOR.test(ch);
}

function isHex(c) {
  return /[0-9A-Fa-f]/.test(c);
}

/** Checks that s[from, to) consists of `extra`-class characters, %HH escapes and "other" chars. */
function charsOk(s, from, to, extra) {
  for (let i = from; i < to; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i);
    if (code < 0x80 && isAsciiIn(ch, extra)) continue;
    if (ch === '%' && i + 2 < to && isHex(s[i + 1]) && isHex(s[i + 2])) {
      i += 2;
      continue;
    }
    if (isOther(code, ch)) continue;
    return false;
  }
  return true;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isIPv4(host) {
  const m = IPV4.exec(host);
  return m !== null && m.slice(1).every((part) => Number(part) <= 255);
}

// java.net.URI parseHostname: labels of alphanumerics and '-', not ending in '-', separated by
// single dots, an optional trailing dot, and (with more than one label) a rightmost label that
// starts with a letter.
function isHostname(host) {
  const body = host.endsWith('.') ? host.slice(0, -1) : host;
  if (body.length === 0) return false;
  const labels = body.split('.');
  for (const label of labels) {
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(label)) return false;
  }
  return labels.length === 1 || /^[A-Za-z]/.test(labels[labels.length - 1]);
}

function isIPv6(reference) {
  // Java accepts RFC 2373 text forms, optionally ending in a dotted IPv4, then an optional scope
  // id ("%" alphanumerics, '_' and '.').
  const percent = reference.indexOf('%');
  const text = percent >= 0 ? reference.slice(0, percent) : reference;
  if (percent >= 0 && !/^[A-Za-z0-9_.]+$/.test(reference.slice(percent + 1))) return false;
  let groups = text;
  let extra = 0;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    if (!isIPv4(text.slice(lastColon + 1))) return false;
    groups = text.slice(0, lastColon + 1) + '0'; // stand-in group; the v4 part counts as two
    extra = 1;
  }
  const halves = groups.split('::');
  if (halves.length > 2) return false;
  const parse = (part) => (part === '' ? [] : part.split(':'));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const all = head.concat(tail);
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = all.length + extra;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** Returns null if `url` is an acceptable hint for these schemes, or what is wrong with it. */
export function hintUrlProblem(url, schemes) {
  if (typeof url !== 'string') return 'not a string';
  if (url.length > MAX_HINT_LENGTH) return `longer than ${MAX_HINT_LENGTH} characters`;
  const colon = url.indexOf(':');
  const scheme = colon > 0 ? url.slice(0, colon) : null;
  // Case-sensitive, as Java's Set.contains on getScheme(): "HTTPS://" is refused on both sides.
  if (scheme === null || !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme) || !schemes.includes(scheme)) {
    return `scheme must be one of ${schemes.join(', ')}`;
  }
  if (!url.startsWith('//', colon + 1)) return 'has no host';
  const start = colon + 3;
  let end = start;
  while (end < url.length && !'/?#'.includes(url[end])) end++;
  if (url.indexOf('#', start) >= 0) return 'must not have a fragment';
  const authority = url.slice(start, end);
  if (authority.length === 0) return 'has no host';
  if (authority.includes('@')) return 'must not carry credentials';

  // host [":" port]
  let host;
  let rest;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0 || !isIPv6(authority.slice(1, close))) return 'has no host';
    host = authority.slice(0, close + 1);
    rest = authority.slice(close + 1);
  } else {
    const c = authority.indexOf(':');
    host = c >= 0 ? authority.slice(0, c) : authority;
    rest = c >= 0 ? authority.slice(c) : '';
    if (!isIPv4(host) && !isHostname(host)) return 'has no host';
  }
  if (rest !== '') {
    // Java takes an empty port as "none" and reads digits as an int (so > 65535 still parses).
    if (!/^:\d*$/.test(rest) || (rest.length > 1 && Number(rest.slice(1)) > 2147483647)) {
      return 'has no host';
    }
  }

  // path ["?" query]; the fragment was refused above.
  const q = url.indexOf('?', end);
  const pathEnd = q >= 0 ? q : url.length;
  if (!charsOk(url, end, pathEnd, PCHAR_EXTRA + PATH_EXTRA)) return 'not a URL (illegal character in path)';
  if (q >= 0 && !charsOk(url, q + 1, url.length, RESERVED)) return 'not a URL (illegal character in query)';
  return null;
}
