// Signed freshness while playing (protocol §3): the announce is re-read as often as the node re-signs
// it; newer ones are adopted (origins, status, tips), and when the one held expires with no newer one
// at any origin, playback stops with EXPIRED shown on the page — from a frozen mirror or a dead node.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ANNOUNCE_REFRESH_MS, AnnounceFollower } from '../../../main/js/player/announce-follower.js';
import { EventBus, Events } from '../../../main/js/player/events.js';
import { EventLog } from '../../../main/js/player/event-log.js';
import { Origins } from '../../../main/js/player/origins.js';
import { PlaybackState } from '../../../main/js/player/playback-state.js';
import { Stats } from '../../../main/js/player/stats.js';
import { StreamAddress } from '../../../main/js/player/stream-address.js';
import { StreamTrust } from '../../../main/js/player/stream-trust.js';
import { TipsView } from '../../../main/js/ui/tips-view.js';
import { CREATOR, announceBody, signText } from '../trust/helpers.js';

const T0 = 1_800_000_000_000;
const A = 'https://a.example/';
const B = 'https://b.example/';
const address = new StreamAddress(CREATOR.pub, 'demo');

/** A live announce as the node signs it: valid 60 s from `issuedAtMs`. */
async function announce(seq, issuedAtMs, mutate = () => {}) {
  const body = announceBody(seq);
  body.issuedAtMs = issuedAtMs;
  body.expiresAtMs = issuedAtMs + 60_000;
  body.hints.origins = [];
  mutate(body);
  return signText(body);
}

/**
 * The player's parts around one StreamTrust, a clock the test moves, and origins serving
 * `served[base]` (text, or null for a 404); timers are recorded, never run by themselves.
 */
function player(t, served) {
  const clock = { now: T0 };
  t.mock.method(Date, 'now', () => clock.now);
  t.mock.method(globalThis, 'fetch', async (url) => {
    const body = served[url.slice(0, url.indexOf('streams/'))];
    return body == null ? new Response('gone', { status: 404 }) : new Response(body);
  });
  const bus = new EventBus();
  const heard = [];
  for (const e of [Events.ANNOUNCE_UPDATED, Events.ANNOUNCE_EXPIRED, Events.ANNOUNCE_REFRESH_FAILED]) {
    bus.on(e, (payload) => heard.push({ event: e, ...payload }));
  }
  const stats = new Stats(bus);
  const log = new EventLog(bus);
  const state = new PlaybackState(bus);
  const origins = new Origins(A, bus);
  origins.add(B);
  const trust = new StreamTrust(address, origins, bus);
  const timers = [];
  const follower = new AnnounceFollower(trust, bus, {
    now: () => clock.now,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => {},
  });
  return { clock, bus, heard, stats, log, state, trust, timers, follower };
}

test('re-read every 10 s; a newer announce from any origin is adopted with its status, origins and tips', async (t) => {
  const served = { [A]: await announce(1, T0) };
  const p = player(t, served);
  await p.trust.loadAnnounce();
  p.follower.start();
  assert.deepEqual(
    p.timers.map((x) => x.ms),
    [ANNOUNCE_REFRESH_MS],
  );
  // The hint is frozen at seq 1; the other origin has the re-signed, ended announce with new tips.
  served[B] = await announce(2, T0 + 10_000, (b) => {
    b.status = 'ended';
    b.hints.origins = ['https://c.example/'];
    b.tips = { lightning: 'new@example.com' };
  });
  served[A] = null;
  p.clock.now = T0 + 10_000;
  await p.follower.tick();
  assert.equal(p.trust.announce.seq, 2);
  assert.equal(p.trust.announce.status, 'ended');
  const updated = p.heard.filter((h) => h.event === Events.ANNOUNCE_UPDATED);
  assert.equal(updated.length, 1);
  assert.equal(updated[0].previous.seq, 1);
  assert.deepEqual({ ...updated[0].announce.tips }, { lightning: 'new@example.com' });
  assert.ok(p.trust.origins.list.includes('https://c.example/'));
  assert.match(JSON.stringify(p.log.list()), /announce seq 1 → 2 \(ended\)/);
  // The same announce again is no update.
  p.clock.now = T0 + 20_000;
  await p.follower.tick();
  assert.equal(p.heard.filter((h) => h.event === Events.ANNOUNCE_UPDATED).length, 1);
  assert.notEqual(p.stats.snapshot().state, 'expired');
});

test('the next read is at the expiry of the held announce when that comes before the interval', async (t) => {
  const p = player(t, { [A]: await announce(1, T0 - 55_000) }); // 5 s left
  await p.trust.loadAnnounce();
  p.follower.start();
  assert.equal(p.timers[0].ms, 5_000);
});

test('the held announce expires and no origin has a newer one: EXPIRED, playback stops, the page says so', async (t) => {
  const frozen = await announce(1, T0);
  const p = player(t, { [A]: frozen, [B]: frozen });
  await p.trust.loadAnnounce();
  p.follower.start();
  let stopped = 0;
  p.bus.on(Events.ANNOUNCE_EXPIRED, () => stopped++); // what Viewer does: stopPlayback()
  p.state.set('playing');
  for (let at = 10_000; at < 60_000; at += 10_000) {
    p.clock.now = T0 + at;
    await p.follower.tick();
    assert.equal(stopped, 0, `still valid at +${at} ms`);
  }
  const before = p.timers.length;
  p.clock.now = T0 + 60_000;
  await p.follower.tick();
  assert.equal(stopped, 1);
  assert.equal(p.timers.length, before, 'nothing more is scheduled');
  const expired = p.heard.find((h) => h.event === Events.ANNOUNCE_EXPIRED);
  assert.equal(expired.problem, 'EXPIRED');
  assert.equal(expired.seq, 1);
  const s = p.stats.snapshot();
  assert.equal(s.state, 'expired');
  assert.match(s.message, /^EXPIRED: announce seq 1 expired at .* no origin has a newer one/);
  // Final: playback events that follow do not make it look fine again.
  p.state.set('playing');
  assert.equal(p.stats.snapshot().state, 'expired');
  assert.match(JSON.stringify(p.log.list()), /EXPIRED: announce seq 1/);
});

test('a newer announce read in time keeps playback going past the first one’s expiry', async (t) => {
  const served = { [A]: await announce(1, T0) };
  const p = player(t, served);
  await p.trust.loadAnnounce();
  p.follower.start();
  served[A] = await announce(2, T0 + 50_000);
  p.clock.now = T0 + 50_000;
  await p.follower.tick();
  p.clock.now = T0 + 60_000;
  await p.follower.tick();
  assert.equal(p.trust.announce.seq, 2);
  assert.equal(p.heard.filter((h) => h.event === Events.ANNOUNCE_EXPIRED).length, 0);
  assert.equal(p.timers.at(-1).ms, ANNOUNCE_REFRESH_MS);
});

test('an origin rolled back to an older announce is passed over as behind; the newer one held stays in force', async (t) => {
  const served = { [A]: await announce(5, T0) };
  const p = player(t, served);
  await p.trust.loadAnnounce();
  served[A] = await announce(4, T0 + 5_000);
  const refused = [];
  p.bus.on(Events.FILE_REFUSED, (r) => refused.push(`${r.origin} ${r.problem}`));
  p.clock.now = T0 + 10_000;
  await p.follower.tick();
  assert.equal(p.trust.announce.seq, 5);
  assert.deepEqual(refused, [`${A} STALE`, `${B} UNAVAILABLE`]);
  assert.equal(p.heard.filter((h) => h.event === Events.ANNOUNCE_UPDATED).length, 0);
});

test('the tip panel is rebuilt when, and only when, the adopted tips change', async () => {
  const built = [];
  const view = new TipsView(
    {},
    {
      load: async () => ({
        renderTipPanel: (container, tips) => {
          const panel = { tips, destroyed: false, destroy: () => (panel.destroyed = true) };
          built.push(panel);
          return panel;
        },
      }),
    },
  );
  const first = { lightning: 'tips@example.com' };
  await view.show(first);
  await view.show({ lightning: 'tips@example.com' }); // the same targets, another object
  assert.equal(built.length, 1);
  await view.show({ lightning: 'new@example.com', evm: { address: '0x' + '1'.repeat(40), chainId: 8453 } });
  assert.equal(built.length, 2);
  assert.equal(built[0].destroyed, true);
  assert.equal(built[1].tips.lightning, 'new@example.com');
  await view.show({}); // tips removed: no panel
  assert.equal(built[1].destroyed, true);
  assert.equal(view.panel, null);
  // Two announces while the wallet code loads: only the newest is shown.
  await Promise.all([view.show({ lightning: 'a@example.com' }), view.show({ lightning: 'b@example.com' })]);
  assert.deepEqual(
    built.slice(2).map((b) => b.tips.lightning),
    ['b@example.com'],
  );
});
