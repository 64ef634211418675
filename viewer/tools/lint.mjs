// The viewer's style gate, run by Maven in the verify phase: ESLint's bug-catching rules
// (eslint.config.js), then Prettier's layout check (.prettierrc.json). Any finding fails the build;
// `npm run format` rewrites the layout, ESLint's messages say what else to change.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The same file sets as `npm run lint` and `npm run format` (package.json).
const SOURCES = ['src/**/*.js', 'tools/**/*.mjs', 'eslint.config.js'];

const steps = [
  {
    bin: 'node_modules/eslint/bin/eslint.js',
    args: ['--max-warnings', '0', ...SOURCES],
    failure: 'viewer: eslint found problems (above)',
  },
  {
    bin: 'node_modules/prettier/bin/prettier.cjs',
    args: ['--check', '--log-level', 'warn', ...SOURCES],
    failure: 'viewer: files not in Prettier layout (above); `npm run format` in viewer/ rewrites them',
  },
];
for (const { bin, args, failure } of steps) {
  const r = spawnSync(process.execPath, [join(root, bin), ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(failure);
    process.exit(r.status ?? 1);
  }
}
console.log('viewer: eslint and prettier found nothing');
