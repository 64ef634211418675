// Installs the viewer's npm packages exactly as package-lock.json pins them, only when the lockfile
// changed since the last install (`npm ci` wipes node_modules, which would slow every build down).
// --ignore-scripts: no package needs a build step for the browser bundle, and the WebRTC native
// module some of them pull in for Node cannot build here anyway.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = readFileSync(join(root, 'package-lock.json'));
const stamp = join(root, 'node_modules', '.ownerless-lock');
if (existsSync(stamp) && readFileSync(stamp).equals(lock)) {
  console.log('viewer: npm packages up to date');
} else {
  execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    stdio: 'inherit',
  });
  writeFileSync(stamp, lock);
}
