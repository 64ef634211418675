// STREAM_ANNOUNCE (protocol §3): the creator's signed statement of what the stream is and where to
// find it. verifyAnnounce applies every single-object rule in the same order as the Java Verifier
// (so both report the same problem for the same bytes): strict JSON and fields → MALFORMED, the
// named creator against the expected key → WRONG_KEY, the signature → BAD_SIGNATURE, then time:
// EXPIRED and NOT_YET_VALID. AnnounceTracker holds the ordering rules across announces.

import { canonicalJson } from './canonical-json.js';
import { readCommonFields } from './common-fields.js';
import { equivocationProof } from './equivocation.js';
import { deepFreeze } from './freeze.js';
import { Fields } from './fields.js';
import { MAX_HINTS, MAX_HINT_LENGTH, ORIGIN_SCHEMES, TRACKER_SCHEMES, hintUrlProblem } from './hint-urls.js';
import { RENDITION_NAME, RENDITION_RULE } from './names.js';
import { Problem, TrustError, malformed } from './problems.js';
import { expectedKeyText } from './public-key.js';
import { readEnvelope, verifySignedObject } from './signed-object.js';
import { MAX_SAFE_INTEGER, parseStrictJson } from './strict-json.js';
import { timeText } from './time-text.js';

export const ANNOUNCE_TYPE = 'STREAM_ANNOUNCE';
export const MAX_TITLE = 200;
export const MAX_RENDITIONS = 16;
/** How far in the future an issue time may be before it is called forged rather than clock skew. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

const CODECS = /^[A-Za-z0-9.,_ -]{0,128}$/;
const LIGHTNING_ADDRESS =
  /^[a-z0-9._+-]{1,64}@[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)+$/;
const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * Parses and verifies a STREAM_ANNOUNCE.
 * @param text the announce as received: string or bytes (UTF-8)
 * @param expectedPub the creator key the viewer expects (PUB text or 32 bytes), e.g. the PUB in the
 *        stream URL; null only to check an object's internal validity (tests, tools)
 * @param nowMs the current time, Unix milliseconds
 * @returns Promise of the frozen announce (see readAnnounceFields for its shape); rejects with TrustError
 */
export async function verifyAnnounce(text, expectedPub, nowMs) {
  if (!Number.isFinite(nowMs)) throw new TypeError('nowMs must be a number of milliseconds');
  const expected = expectedKeyText(expectedPub);
  const json = parseStrictJson(text);
  const envelope = readEnvelope(json);
  const announce = readAnnounceFields(envelope, json);
  if (expected !== null && expected !== announce.creator) {
    throw new TrustError(
      Problem.WRONG_KEY,
      `STREAM_ANNOUNCE is signed for creator ${announce.creator}, expected ${expected}`,
    );
  }
  await verifySignedObject(json, ANNOUNCE_TYPE, announce.creatorKey);
  if (nowMs >= announce.expiresAtMs) {
    throw new TrustError(Problem.EXPIRED, `announce seq ${announce.seq} expired at ${timeText(announce.expiresAtMs)}`);
  }
  if (announce.issuedAtMs > nowMs + MAX_CLOCK_SKEW_MS) {
    throw new TrustError(Problem.NOT_YET_VALID, `announce issued in the future (${timeText(announce.issuedAtMs)})`);
  }
  return announce;
}

/**
 * Reads the fields of an envelope whose type must be STREAM_ANNOUNCE (signature not checked here)
 * into the frozen announce object:
 *   { type, creator (PUB text), creatorKey (Uint8Array 32), name, title, seq, issuedAtMs,
 *     expiresAtMs, status ('live'|'ended'), latency ('low'|'normal'),
 *     renditions: [{name, bandwidth, width, height, codecs}], origins: [url], trackers: [url],
 *     tips: {lightning?: string, evm?: {address, chainId}},
 *     logs: [{rendition, epoch, treeSize}] (each rendition's log as the signer had published it),
 *     json (the parsed object, with sig),
 *     canonicalBody (JCS text of the object without sig: equal texts = same content) }
 */
export function readAnnounceFields(envelope, json) {
  const { f, creator, creatorKey, name } = readCommonFields(envelope, ANNOUNCE_TYPE);
  const title = f.string('title', MAX_TITLE);
  const seq = f.integer('seq', 0, MAX_SAFE_INTEGER);
  const issuedAtMs = f.integer('issuedAtMs', 0, MAX_SAFE_INTEGER);
  const expiresAtMs = f.integer('expiresAtMs', 0, MAX_SAFE_INTEGER);
  const status = oneOf(f, 'status', ['live', 'ended']);
  const latency = oneOf(f, 'latency', ['low', 'normal']);
  const renditions = f
    .array('renditions', MAX_RENDITIONS)
    .map((item, i) => readRendition(item, `${ANNOUNCE_TYPE}.renditions[${i}]`));
  const hints = f.object('hints');
  const origins = hints.stringArray('origins', MAX_HINTS, MAX_HINT_LENGTH);
  const trackers = hints.stringArray('trackers', MAX_HINTS, MAX_HINT_LENGTH);
  hints.rejectUnknown();
  const tips = readTips(f.object('tips'));
  const logs = f.array('logs', MAX_RENDITIONS).map((item, i) => readLogHead(item, `${ANNOUNCE_TYPE}.logs[${i}]`));
  f.rejectUnknown();

  // Cross-field rules (the Java record constructor's checks).
  if (expiresAtMs <= issuedAtMs) {
    throw malformed(`${ANNOUNCE_TYPE}: expiry must be after issue time`);
  }
  if (new Set(renditions.map((r) => r.name)).size !== renditions.length) {
    throw malformed(`${ANNOUNCE_TYPE}: rendition names must be unique`);
  }
  if (new Set(logs.map((h) => h.rendition)).size !== logs.length) {
    throw malformed(`${ANNOUNCE_TYPE}: logs must name each rendition once`);
  }
  for (const head of logs) {
    if (!renditions.some((r) => r.name === head.rendition)) {
      throw malformed(`${ANNOUNCE_TYPE}: logs name rendition '${head.rendition}', which is not announced`);
    }
  }
  checkHints(origins, ORIGIN_SCHEMES, 'origin');
  checkHints(trackers, TRACKER_SCHEMES, 'tracker');

  const announce = {
    type: ANNOUNCE_TYPE,
    creator,
    creatorKey,
    name,
    title,
    seq,
    issuedAtMs,
    expiresAtMs,
    status,
    latency,
    renditions,
    origins,
    trackers,
    tips,
    logs,
    json,
    canonicalBody: canonicalJson(envelope.body),
  };
  return deepFreeze(announce);
}

function oneOf(f, name, values) {
  const v = f.string(name, 16);
  if (!values.includes(v)) {
    throw f.error(name, `must be ${values.map((x) => `'${x}'`).join(' or ')}, got '${v}'`);
  }
  return v;
}

function readRendition(item, where) {
  const f = new Fields(item, where);
  const r = {
    name: f.matching('name', RENDITION_NAME, RENDITION_RULE),
    bandwidth: f.integer('bandwidth', 1, 100_000_000_000),
    width: f.integer('width', 0, 16384),
    height: f.integer('height', 0, 16384),
    codecs: f.matching('codecs', CODECS, 'an RFC 6381 codecs list'),
  };
  f.rejectUnknown();
  return r;
}

/** One `logs` entry (§3): how far a rendition's log had got when the creator signed the announce. */
function readLogHead(item, where) {
  const f = new Fields(item, where);
  const head = {
    rendition: f.matching('rendition', RENDITION_NAME, RENDITION_RULE),
    epoch: f.integer('epoch', 1, MAX_SAFE_INTEGER),
    treeSize: f.integer('treeSize', 0, MAX_SAFE_INTEGER),
  };
  f.rejectUnknown();
  return head;
}

function readTips(f) {
  const tips = {};
  if (f.has('lightning')) {
    tips.lightning = f.matching('lightning', LIGHTNING_ADDRESS, 'a Lightning address (user@domain, lowercase)');
  }
  const evm = f.optionalObject('evm');
  if (evm !== null) {
    tips.evm = {
      address: evm.matching('address', EVM_ADDRESS, '0x followed by 40 hex digits'),
      chainId: evm.integer('chainId', 1, MAX_SAFE_INTEGER),
    };
    evm.rejectUnknown();
  }
  f.rejectUnknown();
  return tips;
}

function checkHints(urls, schemes, what) {
  for (const url of urls) {
    const problem = hintUrlProblem(url, schemes);
    if (problem !== null) {
      throw malformed(`${ANNOUNCE_TYPE}: ${what} hint '${url}' ${problem}`);
    }
  }
}

/**
 * Remembers the newest verified announce of one stream and accepts only announces that supersede
 * it (§3): a higher seq replaces; a lower seq is ROLLBACK; the same seq with different content is
 * EQUIVOCATION (the error carries the portable proof); the very same content again is unchanged.
 * Give it announces that verifyAnnounce returned.
 */
export class AnnounceTracker {
  /** @param stream {creator: PUB text or 32 bytes, name: string} */
  constructor(stream) {
    this.creator = expectedKeyText(stream.creator);
    this.name = stream.name;
    this.current = null;
  }

  /**
   * @returns 'accepted' (now current) or 'unchanged' (the same announce again); throws TrustError
   *          WRONG_STREAM, EXPIRED, ROLLBACK or EQUIVOCATION.
   */
  accept(announce, nowMs) {
    if (announce.creator !== this.creator || announce.name !== this.name) {
      throw new TrustError(
        Problem.WRONG_STREAM,
        `announce is for ${announce.creator}/${announce.name}, expected ${this.creator}/${this.name}`,
      );
    }
    if (nowMs >= announce.expiresAtMs) {
      throw new TrustError(Problem.EXPIRED, `announce seq ${announce.seq} has expired`);
    }
    if (this.current === null || announce.seq > this.current.seq) {
      this.current = announce;
      return 'accepted';
    }
    if (announce.seq < this.current.seq) {
      throw new TrustError(
        Problem.ROLLBACK,
        `announce seq ${announce.seq} is older than accepted seq ${this.current.seq}`,
      );
    }
    if (announce.canonicalBody !== this.current.canonicalBody) {
      throw new TrustError(Problem.EQUIVOCATION, `two different announces signed with seq ${announce.seq}`, {
        equivocation: equivocationProof(this.current.json, announce.json),
      });
    }
    return 'unchanged';
  }
}
