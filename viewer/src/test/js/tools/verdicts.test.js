// tools/verdicts.mjs, the viewer's side of the Java↔JS differential fuzzer: one verdict line per
// input line, in order, problem names as in protocol.md §7, crashes reported rather than thrown.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CREATOR, NOW_MS, OTHER, announceBody, link, manifestBody, signText } from '../trust/helpers.js';

const TOOL = fileURLToPath(new URL('../../../../tools/verdicts.mjs', import.meta.url));
const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');

/** Runs the tool on `lines`; resolves with its output lines and how long it took. */
function run(lines) {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const child = spawn(process.execPath, [TOOL], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`exit ${code}`));
      else
        resolve({
          lines: out
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l)),
          ms: Date.now() - start,
        });
    });
    child.stdin.end(lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  });
}

const root = async (epoch, size, fromSize = 0, previous, forkAt = null) =>
  b64(await signText(await manifestBody(epoch, size, 3, fromSize, CREATOR, previous, forkAt)));

test('each kind gets its verdict, in input order', async () => {
  const announce = b64(await signText(announceBody(1)));
  const mismatched = await manifestBody(1, 9, 3, 6);
  mismatched.window[0].size += 1;
  const a = JSON.parse(await signText(await manifestBody(1, 9, 3, 0)));
  const b = JSON.parse(await signText(await manifestBody(1, 9, 3, 0, CREATOR, null, 7)));
  const proof = b64(JSON.stringify({ type: 'EQUIVOCATION_PROOF', v: 2, first: a, second: b }));
  const cases = [
    [{ kind: 'announce', bytes: announce, creator: CREATOR.pub, nowMs: NOW_MS }, 'OK'],
    [{ kind: 'announce', bytes: announce, creator: OTHER.pub, nowMs: NOW_MS }, 'WRONG_KEY'],
    [{ kind: 'announce', bytes: announce, creator: null, nowMs: 5_000_000_000_000 }, 'EXPIRED'],
    [{ kind: 'manifest', bytes: await root(1, 9, 6), creator: CREATOR.pub }, 'OK'],
    [{ kind: 'manifest', bytes: b64(await signText(mismatched)), creator: null }, 'ROOT_MISMATCH'],
    [{ kind: 'manifest', bytes: b64('{"v":1}'), creator: null }, 'MALFORMED'],
    [{ kind: 'proof', bytes: proof, creator: CREATOR.pub }, 'OK'],
    [{ kind: 'proof', bytes: proof, creator: OTHER.pub }, 'WRONG_KEY'],
    [
      {
        kind: 'proof',
        bytes: b64(JSON.stringify({ type: 'EQUIVOCATION_PROOF', v: 2, first: a, second: a })),
        creator: null,
      },
      'MALFORMED',
    ],
    [{ kind: 'roots', roots: [await root(1, 5), await root(1, 9, 5)], creator: CREATOR.pub }, 'OK'],
    [{ kind: 'roots', roots: [await root(1, 5), await root(1, 9, 6)], creator: CREATOR.pub }, '1:GAP'],
    [
      { kind: 'roots', roots: [await root(1, 9), await root(2, 3, 0, await link(1, 8))], creator: CREATOR.pub },
      '1:EQUIVOCATION',
    ],
    [{ kind: 'roots', roots: [await root(1, 9), await root(2, 3, 0, await link(1, 9))], creator: CREATOR.pub }, 'OK'],
    [{ kind: 'roots', roots: [await root(1, 9), b64('{}')], creator: CREATOR.pub }, '1:MALFORMED'],
    [
      { kind: 'roots', roots: [await root(1, 9), await root(1, 9, 0, null, 2)], creator: CREATOR.pub },
      '1:EQUIVOCATION',
    ],
  ];
  const { lines } = await run(cases.map(([c], i) => ({ id: `case-${i}`, ...c })));
  assert.deepEqual(
    lines.map((l) => `${l.id} ${l.verdict}`),
    cases.map(([, expect], i) => `case-${i} ${expect}`),
  );
});

test('anything but a verdict is reported as a CRASH line, never as a verdict or an exit', async () => {
  const { lines } = await run([
    '{"id": 7, "kind": "teapot"}',
    'not json',
    { id: 8, kind: 'manifest', bytes: b64('{}'), creator: 'not a key' },
    { id: 9, kind: 'roots', roots: 'x', creator: CREATOR.pub },
  ]);
  assert.deepEqual(
    lines.map((l) => l.id),
    [7, null, 8, 9],
  );
  for (const l of lines) assert.match(l.verdict, /^CRASH: /);
});

test('10,000 lines in a few seconds, answered in order', async () => {
  const manifest = await root(1, 9, 6);
  const announce = b64(await signText(announceBody(1)));
  const input = Array.from({ length: 10_000 }, (_, i) =>
    i % 2
      ? { id: i, kind: 'manifest', bytes: manifest, creator: CREATOR.pub }
      : { id: i, kind: 'announce', bytes: announce, creator: CREATOR.pub, nowMs: NOW_MS },
  );
  const { lines, ms } = await run(input);
  assert.equal(lines.length, 10_000);
  lines.forEach((l, i) => assert.deepEqual(l, { id: i, verdict: 'OK' }));
  assert.ok(ms < 15_000, `${ms} ms`);
});
