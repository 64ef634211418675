// The build-time patch of the engine's queue applies to the installed version, exactly once, and
// refuses code it was not written for (the build then fails instead of fetching at once again).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { takeTurnsAtHttp } from '../../../../tools/http-turn-patch.mjs';

const INSTALLED = new URL('../../../../node_modules/p2p-media-loader-core/lib/hybrid-loader.js', import.meta.url);
const patched = takeTurnsAtHttp(readFileSync(INSTALLED, 'utf8'));

test('the installed engine asks whose turn it is before fetching a high-demand segment over HTTP', () => {
  assert.match(
    patched,
    /^import \{ httpTurn as ownerlessHttpTurn, noteHttpFetch as ownerlessNoteHttpFetch, notePeerDownloadCut as ownerlessNotePeerDownloadCut, TurnAlarm as OwnerlessTurnAlarm \} from ".*http-turn\.js";/,
  );
  // A segment loading from a peer moves to HTTP only once it is urgent.
  assert.match(patched, /request\.downloadSource === "p2p" &&\s*ownerlessTurn\(this, segment\)\.urgent &&/);
  // A segment not loading: from a peer that has it, or left alone until this viewer's turn.
  assert.match(
    patched,
    /\/\/ High-demand request is not loading\s*const ownerlessTurnNow = ownerlessTurn\(this, segment\);\s*if \(!ownerlessTurnNow\.urgent\) \{\s*if \(this\.p2pLoaders\.currentLoader\.isSegmentLoadedBySomeone\(segment\)/,
  );
  assert.match(patched, /if \(ownerlessTurnNow\.waitMs > 0\)\s*continue;/);
  // The policy comes with the engine's configuration; a destroyed loader's alarm is cancelled.
  assert.match(patched, /loader\.config\.validateHTTPSegment\?\.httpTurn/);
  // A segment that a peer already failed to deliver goes to HTTP without a second wait.
  assert.match(
    patched,
    /failedBefore: \(s\) => \(loader\.requests\.get\(s\)\?\.failedAttempts\.p2pAttemptsCount \?\? 0\) > 0/,
  );
  // A peer download cut at the urgent margin is counted before it is aborted.
  assert.match(
    patched,
    /if \(shouldSwitchFromP2PToHttp\) \{\s*ownerlessNotePeerDownloadCut\(\);\s*request\.abortFromProcessQueue\(\);/,
  );
  // Every HTTP fetch is counted by its reason (window.ownerless.stats().httpFetches).
  assert.match(patched, /loadThroughHttp\(segment\) \{\s*ownerlessNoteHttpFetch\(/);
  assert.match(patched, /destroy\(\) \{\s*this\.ownerlessTurnAlarm\?\.cancel\(\);/);
});

test('a changed engine fails the build, naming the patch to re-check', () => {
  assert.throws(() => takeTurnsAtHttp('class HybridLoader {}'), /re-check tools\/http-turn-patch\.mjs/);
});
