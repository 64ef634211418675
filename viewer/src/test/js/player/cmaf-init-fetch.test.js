// An fMP4 rendition's init section reaches hls.js only through Session.segment, like a segment:
// its signed `inits` item is its entry, an origin serving other bytes is refused and passed over,
// and the next origin's genuine bytes are what the player gets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventBus, Events } from '../../../main/js/player/events.js';
import { Origins } from '../../../main/js/player/origins.js';
import { SegmentVerifier } from '../../../main/js/player/segment-verifier.js';
import { Session } from '../../../main/js/player/session.js';
import { StreamAddress } from '../../../main/js/player/stream-address.js';
import { StreamTrust } from '../../../main/js/player/stream-trust.js';
import { sha256, toHex } from '../../../main/js/trust/index.js';
import { CREATOR, announceBody, manifestBody, rebind, signText, utf8 } from '../trust/helpers.js';

const HOSTILE = 'https://hostile.example/';
const HONEST = 'https://honest.example/';
const address = new StreamAddress(CREATOR.pub, 'demo');
const INIT = utf8('ftyp+moov of the packager run');
const INIT_URI = 'init-0123456789abcdef.mp4';

test('an init section altered by one origin is refused and the signed bytes come from the next', async (t) => {
  const body = await manifestBody(1, 9, 3, 0);
  body.timeMs = Date.now();
  body.inits = [{ uri: INIT_URI, sha256: toHex(await sha256(INIT)), size: INIT.length }];
  body.window.forEach((e) => (e.init = INIT_URI));
  const manifest = await signText(await rebind(body));
  const announce = announceBody(1);
  announce.issuedAtMs = Date.now() - 1000;
  announce.expiresAtMs = Date.now() + 60_000;
  announce.hints.origins = [HONEST];
  const files = { 'announce.json': await signText(announce), 'src/manifest.json': manifest, [`src/${INIT_URI}`]: INIT };
  const asked = [];
  t.mock.method(globalThis, 'fetch', async (url) => {
    const path = url.slice(url.indexOf('/demo/') + '/demo/'.length);
    asked.push(url.startsWith(HOSTILE) ? `hostile ${path}` : `honest ${path}`);
    let bytes = files[path];
    if (bytes == null) return new Response('gone', { status: 404 });
    if (url.startsWith(HOSTILE) && path === `src/${INIT_URI}`) {
      bytes = INIT.slice();
      bytes[3] ^= 1;
    }
    return new Response(bytes);
  });
  const bus = new EventBus();
  const refused = [];
  bus.on(Events.FILE_REFUSED, (r) => refused.push(`${r.problem} ${r.file}`));
  const origins = new Origins(HOSTILE, bus);
  const trust = new StreamTrust(address, origins, bus);
  await trust.loadAnnounce();
  const session = new Session(address, origins, trust, new SegmentVerifier(address, trust, bus), bus);
  const playlist = await session.answer(address.mediaUrl('src'), null);
  const initUrl = address.segmentUrl('src', INIT_URI, 1);
  assert.ok(playlist.includes(`#EXT-X-MAP:URI="${initUrl}"`));

  const data = await session.answer(initUrl, new AbortController().signal);
  assert.deepEqual(new Uint8Array(data), INIT);
  assert.deepEqual(
    asked.filter((a) => a.endsWith(INIT_URI)),
    [`hostile src/${INIT_URI}`, `honest src/${INIT_URI}`],
  );
  assert.deepEqual(refused, [`SEGMENT_MISMATCH ${initUrl}`]);
});
