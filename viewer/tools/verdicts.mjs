// The viewer's side of the Java↔JS differential fuzzer: the same inputs go to the Java verifier and
// here, and the verdicts (problem names, docs/protocol.md §7) must agree. Reads JSON lines on stdin
// and writes one JSON line per input line on stdout, in the same order:
//
//   {"id", "kind":"announce", "bytes":"<base64>", "creator":PUB|null, "nowMs":N}  verifyAnnounce
//   {"id", "kind":"manifest", "bytes":"<base64>", "creator":PUB|null}             verifyManifest
//   {"id", "kind":"proof",    "bytes":"<base64>", "creator":PUB|null}             verifyEquivocationProof
//   {"id", "kind":"roots",    "roots":["<base64>", ...], "creator":PUB}           verifyManifest each,
//        then one fresh RootTracker with no fetchRoot (a GAP is a verdict); the first failure ends it
//
// → {"id": <id>, "verdict": "OK" | "<PROBLEM>"}, for roots "OK" or "<position>:<PROBLEM>" (0-based).
// Anything but a TrustError is "CRASH: <message>", so the other side sees a JS crash as one. Blank
// lines are skipped. Cases run concurrently (each is independent) and are written in input order.
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import {
  RootTracker,
  TrustError,
  verifyAnnounce,
  verifyEquivocationProof,
  verifyManifest,
} from '../src/main/js/trust/index.js';

/** Cases in flight at once: enough to overlap the signature checks, bounded for memory. */
const IN_FLIGHT = 256;

const bytesOf = (b64) => {
  if (typeof b64 !== 'string') throw new TypeError('bytes must be a base64 string');
  return new Uint8Array(Buffer.from(b64, 'base64'));
};

/** The verdict of one case: 'OK' or the problem name; throws for anything but a TrustError. */
async function judge(c) {
  switch (c.kind) {
    case 'announce':
      await verifyAnnounce(bytesOf(c.bytes), c.creator ?? null, c.nowMs);
      return 'OK';
    case 'manifest':
      await verifyManifest(bytesOf(c.bytes), { creator: c.creator ?? null });
      return 'OK';
    case 'proof':
      await verifyEquivocationProof(bytesOf(c.bytes), c.creator ?? null);
      return 'OK';
    case 'roots':
      return judgeRoots(c);
    default:
      throw new TypeError(`unknown kind: ${c.kind}`);
  }
}

async function judgeRoots(c) {
  if (!Array.isArray(c.roots)) throw new TypeError('roots must be an array');
  const tracker = new RootTracker();
  for (const [i, b64] of c.roots.entries()) {
    try {
      await tracker.accept(await verifyManifest(bytesOf(b64), { creator: c.creator ?? null }));
    } catch (e) {
      if (e instanceof TrustError) return `${i}:${e.problem}`;
      throw e;
    }
  }
  return 'OK';
}

/** The output line for one input line; never rejects. */
export async function verdictLine(line) {
  let id = null;
  try {
    const c = JSON.parse(line);
    id = c?.id ?? null;
    return JSON.stringify({ id, verdict: await judge(c) });
  } catch (e) {
    const verdict = e instanceof TrustError ? e.problem : `CRASH: ${e?.message ?? String(e)}`;
    return JSON.stringify({ id, verdict });
  }
}

async function main() {
  const pending = [];
  const flush = async (keep) => {
    while (pending.length > keep) process.stdout.write((await pending.shift()) + '\n');
  };
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    pending.push(verdictLine(line));
    if (pending.length >= IN_FLIGHT) await flush(IN_FLIGHT / 2);
  }
  await flush(0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
