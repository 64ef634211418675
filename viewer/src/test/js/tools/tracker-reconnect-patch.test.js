// The build-time patch of the engine's tracker client applies to the installed version, exactly once,
// and refuses code it was not written for (the build then fails instead of keeping the long waits).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { promptTrackerReconnect } from '../../../../tools/tracker-reconnect-patch.mjs';

const INSTALLED = new URL(
  '../../../../node_modules/bittorrent-tracker/lib/client/websocket-tracker.js',
  import.meta.url,
);
const patched = promptTrackerReconnect(readFileSync(INSTALLED, 'utf8'));

test('the installed tracker client reconnects on our schedule instead of its own', () => {
  assert.match(
    patched,
    /^import \{ trackerReconnectDelayMs as ownerlessReconnectDelayMs \} from ".*tracker-reconnect\.js"/,
  );
  assert.match(patched, /const ms = ownerlessReconnectDelayMs\(this\.retries, Math\.random\(\)\)/);
  assert.doesNotMatch(patched, /RECONNECT_VARIANCE\) \+/);
});

test('a swarm joining a pooled socket that is still connecting waits for its connect', () => {
  assert.match(
    patched,
    /\} else \{\s*\/\/ ownerless: a pooled socket still connecting[^\n]*\n\s*this\.socket\.once\('connect', this\._onSocketConnectBound\)/,
  );
});

test('a changed tracker client fails the build, naming the patch to re-check', () => {
  assert.throws(
    () => promptTrackerReconnect('class WebSocketTracker {}'),
    /re-check tools\/tracker-reconnect-patch\.mjs/,
  );
});
