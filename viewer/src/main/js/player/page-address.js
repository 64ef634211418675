// The stream a watch page was opened for, read from its address: /watch/PUB/NAME on a node or relay
// (the hint is the page's own origin), or ?pub=PUB&name=NAME&hint=URL for a copy of the page hosted
// anywhere. ?latency=low|normal overrides the creator's default mode; ?place=0..1 sets where in the
// mode's spread of distances the viewer plays (0 closest; drawn at random otherwise: delivery.js);
// ?debug=hls prints hls.js's own log to the browser's console (for a bug report; it is verbose).

const PUB = /^[A-Za-z0-9_-]{43}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** {pub, name, hint, latency, place, debug} of `loc` (a Location or URL); throws an Error the page can show as it is. */
export function streamFromLocation(loc) {
  const q = new URLSearchParams(loc.search);
  const m = /\/watch\/([^/]+)\/([^/]+)\/?$/.exec(loc.pathname);
  const pub = m ? decodeURIComponent(m[1]) : q.get('pub');
  const name = m ? decodeURIComponent(m[2]) : q.get('name');
  const hint = q.get('hint') ?? (m ? loc.origin + '/' : null);
  if (!pub || !PUB.test(pub)) throw new Error('the address has no valid creator key (43 base64url characters)');
  if (!name || !NAME.test(name)) throw new Error('the address has no valid stream name');
  if (!hint) throw new Error('the address has no hint URL (?hint=https://origin.example/)');
  const debug = q.get('debug') === 'hls';
  return { pub, name, hint, latency: q.get('latency'), place: placeOf(q.get('place')), debug };
}

/** A number in [0, 1], or null (drawn at random) for anything else: a bad value must not stop playback. */
function placeOf(text) {
  if (text === null || !/^[0-9]*\.?[0-9]+$/.test(text)) return null;
  const n = Number(text);
  return n <= 1 ? n : null;
}
