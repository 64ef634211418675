// Runs every *.test.js under src/test/js with Node's test runner (Node 20 takes files, not globs).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = readdirSync(join(root, 'src/test/js'), { recursive: true })
  .filter((f) => f.endsWith('.test.js'))
  .map((f) => join(root, 'src/test/js', f))
  .sort();
if (files.length === 0) {
  console.error('viewer: no JavaScript tests found');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
