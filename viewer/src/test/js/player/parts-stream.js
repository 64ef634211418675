// A stream with LL-HLS parts for the player's tests: genuinely signed roots (trust/helpers.js) whose
// `parts` list the completed parts of segment `treeSize`, origins served by a stubbed fetch (a
// hostile one first, which alters every part it serves), and the player's pieces around one
// StreamTrust, wired as Viewer wires them.

import { EventBus, Events } from '../../../main/js/player/events.js';
import { Origins } from '../../../main/js/player/origins.js';
import { SegmentVerifier } from '../../../main/js/player/segment-verifier.js';
import { Session } from '../../../main/js/player/session.js';
import { StreamAddress } from '../../../main/js/player/stream-address.js';
import { StreamTrust } from '../../../main/js/player/stream-trust.js';
import { sha256, toHex } from '../../../main/js/trust/index.js';
import { CREATOR, announceBody, manifestBody, signText, utf8 } from '../trust/helpers.js';

export const HOSTILE = 'https://hostile.example/';
export const HONEST = 'https://honest.example/';
export const address = new StreamAddress(CREATOR.pub, 'demo');

/** The bytes of part `k` of segment `segment`. */
export const partBytes = (segment, k) => utf8(`part ${k} of segment ${segment} `.repeat(3 + (k % 3)));

/** The file name of part `k` of segment `segment` (the node's seg-E-NNNNNN-pK pattern). */
export const partUri = (segment, k) => `seg-1-${String(segment).padStart(6, '0')}-p${k}.ts`;

/** The signed items of the first `count` parts of `segment`: 0.4 s each, independent every third. */
export async function partsOf(segment, count) {
  const out = [];
  for (let k = 0; k < count; k++) {
    const bytes = partBytes(segment, k);
    out.push({
      uri: partUri(segment, k),
      durationUs: 400_000,
      sha256: toHex(await sha256(bytes)),
      size: bytes.length,
      independent: k % 3 === 0,
    });
  }
  return out;
}

/** The signed fixture root of `size` (window 3, consistency from size − 1) with `count` parts, dated now. */
export async function rootWithParts(size, count) {
  const body = await manifestBody(1, size, 3, size - 1);
  body.timeMs = Date.now();
  if (count > 0) body.parts = await partsOf(size, count);
  return signText(body);
}

/**
 * The player's pieces for `demo` with the hostile origin as the hint and the honest one in the
 * announce. `stream.root` is what both origins serve as src/manifest.json; `stream.asked` lists the
 * part and segment fetches as "hostile|honest FILE"; `stream.refused` the refusals as "PROBLEM url".
 */
export async function partsStream(t) {
  const announce = announceBody(1);
  announce.issuedAtMs = Date.now() - 1000;
  announce.expiresAtMs = Date.now() + 60_000;
  announce.hints.origins = [HONEST];
  const announceText = await signText(announce);
  const stream = { root: null, asked: [], refused: [], refusals: [] };
  t.mock.method(globalThis, 'fetch', async (url) => {
    const hostile = url.startsWith(HOSTILE);
    // Static servers: a blocking-reload query (manifest.json?_HLS_msn=…) is ignored.
    const path = url.slice(url.indexOf('/demo/') + '/demo/'.length).split('?')[0];
    if (path === 'announce.json') return new Response(announceText);
    if (path === 'src/manifest.json') return new Response(stream.root);
    stream.asked.push(`${hostile ? 'hostile' : 'honest'} ${path}`);
    const m = /^src\/seg-1-(\d{6})-p(\d+)\.ts$/.exec(path);
    if (!m) return new Response('gone', { status: 404 });
    const bytes = partBytes(Number(m[1]), Number(m[2])).slice();
    if (hostile) bytes[0] ^= 1; // same length, other bytes
    return new Response(bytes);
  });
  const bus = new EventBus();
  bus.on(Events.FILE_REFUSED, (r) => {
    stream.refused.push(`${r.problem} ${r.file}`);
    stream.refusals.push(r);
  });
  const origins = new Origins(HOSTILE, bus);
  const trust = new StreamTrust(address, origins, bus);
  await trust.loadAnnounce();
  const verifier = new SegmentVerifier(address, trust, bus);
  const session = new Session(address, origins, trust, verifier, bus);
  return Object.assign(stream, { bus, origins, trust, verifier, session });
}

/** The virtual URL of part `k` of segment `segment`. */
export const partUrl = (segment, k) => address.segmentUrl('src', partUri(segment, k), 1);
