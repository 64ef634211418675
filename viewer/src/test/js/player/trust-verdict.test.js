import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Problem } from '../../../main/js/trust/problems.js';
import { UntrustedError } from '../../../main/js/player/stream-trust.js';
import {
  FileKind,
  Verdict,
  announceRefused,
  fileRefused,
  refusalText,
  verdictOf,
} from '../../../main/js/player/trust-verdict.js';

const SIGNED = [FileKind.ANNOUNCE, FileKind.MANIFEST];
const GENUINE_BUT_UNUSABLE = [Problem.UNAVAILABLE, Problem.STALE];
const NOT_UNAVAILABLE = Object.values(Problem).filter((p) => !GENUINE_BUT_UNUSABLE.includes(p));

test('any other refused announce or manifest is a refusal of a signed object', () => {
  for (const kind of SIGNED) {
    for (const problem of NOT_UNAVAILABLE) {
      assert.equal(verdictOf(kind, problem), Verdict.SIGNED_OBJECT_REFUSED, `${kind} ${problem}`);
    }
  }
});

test('an announce or manifest that could not be had, or only a stale one, is an unavailable origin', () => {
  for (const kind of SIGNED) {
    for (const problem of GENUINE_BUT_UNUSABLE) assert.equal(verdictOf(kind, problem), Verdict.ORIGIN_UNAVAILABLE);
  }
});

test('a bad segment is only a refused segment, whatever the problem', () => {
  for (const problem of Object.values(Problem)) {
    assert.equal(verdictOf(FileKind.SEGMENT, problem), Verdict.SEGMENT_REFUSED, problem);
  }
});

test('kinds and problems are typed: an unknown one is a TypeError, never a silent verdict', () => {
  assert.throws(() => verdictOf('playlist', Problem.BAD_SIGNATURE), TypeError);
  assert.throws(() => verdictOf(FileKind.ANNOUNCE, 'BAD_SIG'), TypeError);
  assert.throws(() => verdictOf(FileKind.ANNOUNCE, 'UNAVAILABLE: HTTP 404'), TypeError);
});

test('a refusal without a problem name (a network failure) is UNAVAILABLE', () => {
  const r = fileRefused({
    kind: FileKind.MANIFEST,
    file: 'src/manifest.json',
    origin: 'https://o.example/',
    source: 'http',
    problem: undefined,
    message: 'HTTP 503',
  });
  assert.deepEqual(r, {
    kind: 'manifest',
    file: 'src/manifest.json',
    origin: 'https://o.example/',
    source: 'http',
    problem: 'UNAVAILABLE',
    message: 'HTTP 503',
    verdict: Verdict.ORIGIN_UNAVAILABLE,
  });
  assert.equal(refusalText(r), 'src/manifest.json from https://o.example/: UNAVAILABLE HTTP 503');
});

test('a refusal by every origin names none, and reads as before: "announce: PROBLEM message"', () => {
  const r = announceRefused(new UntrustedError('announce.json from https://o.example/: seq went back', 'ROLLBACK'));
  assert.equal(r.verdict, Verdict.SIGNED_OBJECT_REFUSED);
  assert.equal(r.origin, null);
  assert.equal(refusalText(r), 'announce: ROLLBACK announce.json from https://o.example/: seq went back');
  assert.equal(announceRefused(new UntrustedError('down', 'UNAVAILABLE')).verdict, Verdict.ORIGIN_UNAVAILABLE);
});
