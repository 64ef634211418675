// What a refused file says about the stream, decided from its kind and its problem name, never from
// message text: an origin that serves the stream's own signed objects forged, altered or rolled back
// is a trust failure; an origin that does not answer, or one bad segment, is not.

import { Problem } from './trust-api.js';

/** The files the viewer fetches and verifies. Playlists are not among them: the viewer writes those. */
export const FileKind = Object.freeze({
  ANNOUNCE: 'announce',
  MANIFEST: 'manifest', // a rendition's manifest.json, and the roots/E-N.json that close a gap in it
  SEGMENT: 'segment',
});

export const Verdict = Object.freeze({
  /**
   * An announce or manifest that does not verify (signature, key, stream, rollback, equivocation...).
   * Failover goes on; if playback then fails, the stream is untrusted, not merely unavailable.
   */
  SIGNED_OBJECT_REFUSED: 'SIGNED_OBJECT_REFUSED',
  /** The origin did not answer (in time or size) or only with a stale state: fail over, report failure if none is left. */
  ORIGIN_UNAVAILABLE: 'ORIGIN_UNAVAILABLE',
  /** Bytes of one segment that are not the signed ones: counted and fetched elsewhere, nothing more. */
  SEGMENT_REFUSED: 'SEGMENT_REFUSED',
});

const KINDS = new Set(Object.values(FileKind));
const PROBLEMS = new Set(Object.values(Problem));
/** What the player may receive as a problem: bounded-fetch's failures carry none and are UNAVAILABLE. */
const problemOf = (problem) => problem ?? Problem.UNAVAILABLE;

export function verdictOf(kind, problem) {
  if (!KINDS.has(kind)) throw new TypeError(`unknown file kind: ${kind}`);
  if (!PROBLEMS.has(problem)) throw new TypeError(`unknown problem name: ${problem}`);
  if (kind === FileKind.SEGMENT) return Verdict.SEGMENT_REFUSED;
  // A stale file is genuine: its origin is behind, not forging (protocol §4.4.1).
  if (problem === Problem.UNAVAILABLE || problem === Problem.STALE) return Verdict.ORIGIN_UNAVAILABLE;
  return Verdict.SIGNED_OBJECT_REFUSED;
}

/**
 * The payload of Events.FILE_REFUSED: what was refused (`file`: "announce.json", "src/manifest.json"
 * or a segment's virtual URL), from which origin (null when not known, as for a peer's segment), how
 * it came (`source`: 'http', 'p2p', or 'player' for the last check before hls.js), the problem name
 * and the verdict that follows from them.
 */
export function fileRefused({ kind, file, origin = null, source, problem, message }) {
  const name = problemOf(problem);
  return { kind, file, origin, source, problem: name, message, verdict: verdictOf(kind, name) };
}

/**
 * The refusal in the error StreamTrust.loadAnnounce threw (the payload of
 * Events.ANNOUNCE_REFRESH_FAILED): every origin refused, so it names none; the message says which
 * origin answered last, and the problem is that answer's.
 */
export function announceRefused(error) {
  const problem = problemOf(error.problem);
  const kind = FileKind.ANNOUNCE;
  return { kind, origin: null, problem, message: error.message, verdict: verdictOf(kind, problem) };
}

/** How a refusal reads in window.ownerless.events() and, when it makes the stream untrusted, on the page. */
export function refusalText(refusal) {
  return refusal.origin
    ? `${refusal.file} from ${refusal.origin}: ${refusal.problem} ${refusal.message}`
    : `${refusal.kind}: ${refusal.problem} ${refusal.message}`;
}
