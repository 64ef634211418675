// The build-time patch that lets the player hand the engine a segment joined from parts applies to the
// installed engine exactly once, stores under the ids the engine's own loader uses, and refuses code it
// was not written for (the build then fails instead of shipping without it).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { followBlockingReloads, storeSegmentsFromParts } from '../../../../tools/seed-from-parts-patch.mjs';

const INSTALLED = new URL('../../../../node_modules/p2p-media-loader-core/lib/core.js', import.meta.url);
const HYBRID = new URL('../../../../node_modules/p2p-media-loader-core/lib/hybrid-loader.js', import.meta.url);
const patched = storeSegmentsFromParts(readFileSync(INSTALLED, 'utf8'));

test('the installed Core gains storeVerifiedSegment, before isSegmentLoadable', () => {
  assert.match(patched, /async storeVerifiedSegment\(segmentRuntimeId, data\) \{[\s\S]*?\n {4}isSegmentLoadable\(/);
  assert.equal(patched.match(/storeVerifiedSegment/g).length, 1);
});

test("it stores with the same arguments as the engine's loader does after a fetch", () => {
  const own =
    /this\.segmentStorage\.storeSegment\(swarmId, streamSwarmId, segment\.externalId, request\.data, segment\.startTime, segment\.endTime, segment\.stream\.type, this\.streamDetails\.isLive\)/;
  assert.match(readFileSync(HYBRID, 'utf8'), own, "the engine's loader still stores this way");
  assert.match(
    patched,
    /this\.segmentStorage\.storeSegment\(swarmId, streamSwarmId, segment\.externalId, data, segment\.startTime, segment\.endTime, segment\.stream\.type, this\.streamDetails\.isLive\)/,
  );
  assert.match(readFileSync(HYBRID, 'utf8'), /const swarmId = this\.config\.swarmId \?\? this\.streamManifestUrl;/);
  assert.match(patched, /const swarmId = config\.swarmId \?\? this\.manifestResponseUrl;/);
});

test("it moves the loader's peers to the segment's stream, as the engine's own loadSegment does", () => {
  const own = readFileSync(HYBRID, 'utf8');
  assert.match(
    own,
    /if \(stream !== this\.lastRequestedSegment.stream\) \{[\s\S]*?this\.p2pLoaders\.changeCurrentLoader\(stream\);/,
  );
  assert.match(
    patched,
    /if \(loader\.lastRequestedSegment\.stream !== segment\.stream\) \{\s*loader\.p2pLoaders\.changeCurrentLoader\(segment\.stream\);\s*loader\.lastRequestedSegment = segment;/,
  );
});

test('a changed engine fails the build, naming the patch to re-check', () => {
  assert.throws(() => storeSegmentsFromParts('class Core {}'), /re-check tools\/seed-from-parts-patch\.mjs/);
});

const MANAGER = new URL('../../../../node_modules/p2p-media-loader-hlsjs/lib/segment-manager.js', import.meta.url);

test('the installed segment manager finds the stream of a playlist reloaded with a blocking query', () => {
  const source = followBlockingReloads(readFileSync(MANAGER, 'utf8'));
  assert.match(source, /this\.core\.getStream\(url\) \?\? this\.core\.getStream\(url\.split\("\?"\)\[0\]\)/);
  assert.match(source, /this\.core\.updateStream\(playlist\.runtimeId, newSegments/);
  assert.throws(() => followBlockingReloads('class SegmentManager {}'), /re-check tools\/seed-from-parts-patch\.mjs/);
});
