// The build-time patch of the engine's tracker client applies to the installed version, exactly once,
// and refuses code it was not written for (the build then fails instead of shipping without it).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { reannounceWhenLonely } from '../../../../tools/lonely-reannounce-patch.mjs';

const INSTALLED = new URL('../../../../node_modules/p2p-media-loader-core/lib/p2p/tracker-client.js', import.meta.url);
const patched = reannounceWhenLonely(readFileSync(INSTALLED, 'utf8'));

test('the installed engine starts watching for loneliness with its tracker client and stops before destroying it', () => {
  assert.match(patched, /^import \{ watchLoneliness as ownerlessWatchLoneliness \} from ".*lonely-reannounce\.js"/);
  assert.match(
    patched,
    /this\.client\.start\(\);\s*\/\/ ownerless:[^\n]*\n\s*this\.ownerlessStopWatching = ownerlessWatchLoneliness\(this\);/,
  );
  assert.match(patched, /destroy\(\) \{\s*this\.ownerlessStopWatching\?\.\(\);\s*this\.client\.destroy\(\);/);
});

test('a changed engine fails the build, naming the patch to re-check', () => {
  assert.throws(
    () => reannounceWhenLonely('class P2PTrackerClient {}'),
    /re-check tools\/lonely-reannounce-patch\.mjs/,
  );
});
