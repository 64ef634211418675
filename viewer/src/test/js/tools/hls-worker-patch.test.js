// The build-time patch of hls.js applies to the installed version, exactly once, and refuses code it
// was not written for (the build then fails instead of shipping without the prestarted worker).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { takePrestartedWorker } from '../../../../tools/hls-worker-patch.mjs';

const INSTALLED = new URL('../../../../node_modules/hls.js/dist/hls.mjs', import.meta.url);

test('the installed hls.js takes the prestarted worker before starting its own', () => {
  const patched = takePrestartedWorker(readFileSync(INSTALLED, 'utf8'));
  assert.match(
    patched,
    /^import \{ takePrestartedWorker as ownerlessTakePrestartedWorker \} from ".*prestarted-worker\.js"/,
  );
  assert.match(
    patched,
    /const worker = ownerlessTakePrestartedWorker\(scriptURL\) \?\? new self\.Worker\(scriptURL\);/,
  );
});

test('a changed hls.js fails the build, naming the patch to re-check', () => {
  assert.throws(() => takePrestartedWorker('function loadWorker(path) {}'), /re-check tools\/hls-worker-patch\.mjs/);
});
