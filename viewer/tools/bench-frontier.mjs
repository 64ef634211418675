// Measures the cost of recomputing a MANIFEST_ROOT from its frontier and window (protocol §4.3):
// the viewer's synchronous noble SHA-256 walk against the same walk awaiting WebCrypto per hash.
// Run: node tools/bench-frontier.mjs [windowLength]
import { rootFromFrontier, frontierSpans } from '../src/main/js/trust/frontier.js';
import { leafInput } from '../src/main/js/trust/merkle.js';

const n = Number(process.argv[2] ?? 8192);
const first = 1000;
const entry = { sha256: '22'.repeat(32), size: 1000, durationUs: 2_000_000, discontinuity: false };
const window = Array.from({ length: n }, (_, i) => ({ ...entry, index: first + i }));
const frontier = frontierSpans(first).map(() => '11'.repeat(32));

async function webCryptoRoot() {
  const digest = async (bytes) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const leaf = (e) => digest(Uint8Array.of(0, ...leafInput(e)));
  const node = (l, r) => {
    const b = new Uint8Array(65);
    b[0] = 1;
    b.set(l, 1);
    b.set(r, 33);
    return digest(b);
  };
  let level = await Promise.all(window.map(leaf));
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(node(level[i], level[i + 1]));
    const carry = level.length % 2 ? [level[level.length - 1]] : [];
    level = [...(await Promise.all(next)), ...carry];
  }
  return level[0];
}

async function time(label, fn, runs = 10) {
  await fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  console.log(`${label}: ${((performance.now() - start) / runs).toFixed(2)} ms per root (window ${n})`);
}

await time('noble, synchronous (the viewer)', () => rootFromFrontier(first, frontier, window));
await time('WebCrypto, one await per hash, batched per level', webCryptoRoot);
