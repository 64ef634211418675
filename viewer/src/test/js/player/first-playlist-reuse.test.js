// A rendition's first media playlist may come from the root verified just before (one round trip less
// before the first frame); every later one reads a new root.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventBus } from '../../../main/js/player/events.js';
import { Session } from '../../../main/js/player/session.js';
import { StreamAddress } from '../../../main/js/player/stream-address.js';

test('only the first media playlist of a rendition accepts a recently verified root', async () => {
  const address = new StreamAddress('PUB', 'live');
  const asked = [];
  const root = { epoch: 1, timeMs: Date.now(), treeSize: 1, window: [{ index: 0, uri: 'seg-0.ts', durationUs: 1e6 }] };
  const trust = {
    announce: null,
    refreshManifest: async (rendition, o) => (asked.push([rendition, o?.reuseWithinMs ?? 0]), root),
  };
  const s = new Session(address, null, trust, null, new EventBus());
  await s.answer(address.mediaUrl('src'), null);
  await s.answer(address.mediaUrl('src'), null);
  await s.answer(address.mediaUrl('360p'), null);
  assert.ok(asked[0][1] > 0 && asked[0][1] <= 1000);
  assert.equal(asked[1][1], 0);
  assert.ok(asked[2][1] > 0);
});
