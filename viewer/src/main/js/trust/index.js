// The viewer's trust library: everything between "bytes arrived from somewhere" and "these bytes
// may be played". Pure functions and two small state machines; no network, no DOM, no Node APIs.
// See each module for the rule of docs/protocol.md it implements.

export { Problem, TrustError } from './problems.js';
export { encodeBase64Url, decodeBase64Url } from './base64url.js';
export { toHex, fromHex, asUint8, concatBytes } from './bytes.js';
export { parseStrictJson, MAX_BYTES, MAX_DEPTH, MAX_SAFE_INTEGER } from './strict-json.js';
export { canonicalJson, canonicalJsonBytes } from './canonical-json.js';
export {
  verifyEd25519,
  verifyEd25519Noble,
  verifyEd25519WebCrypto,
  ed25519Backend,
  setEd25519Backend,
  isCanonicalS,
} from './ed25519.js';
export { parsePublicKey } from './public-key.js';
export { readEnvelope, signingInput, verifySignedObject, PROTOCOL_VERSION, V1_REFUSED } from './signed-object.js';
export { isStreamName, isRenditionName, isSegmentUri } from './names.js';
export { hintUrlProblem } from './hint-urls.js';
export { verifyAnnounce, readAnnounceFields, AnnounceTracker, ANNOUNCE_TYPE, MAX_CLOCK_SKEW_MS } from './announce.js';
export {
  verifyManifest,
  readManifestFields,
  manifestEntry,
  manifestEntryByUri,
  MANIFEST_TYPE,
  MAX_WINDOW,
} from './manifest.js';
export { RootTracker, MAX_GAP_FETCHES } from './root-tracker.js';
export { EMPTY_TREE_HASH, frontierCount, frontierSpans, rootFromFrontier } from './frontier.js';
export { sameEpochLink } from './epoch-link.js';
export { equivocationProof, EQUIVOCATION_PROOF_TYPE } from './equivocation.js';
export { verifyEquivocationProof } from './equivocation-check.js';
export {
  leafInput,
  leafHash,
  entryLeafHash,
  nodeHash,
  emptyRoot,
  rootFromLeafHashes,
  verifyInclusion,
  verifyConsistency,
  LEAF_INPUT_LENGTH,
  INIT_LEAF_INPUT_LENGTH,
} from './merkle.js';
export { sha256 } from './sha256.js';
export { checkSegment, verifyPart, verifySegment } from './segment.js';
export { MAX_PARTS, PartsOrder, partsOrder } from './parts.js';
export { checkPlaylistItem, extinfMicros } from './playlist.js';
export {
  isEarlierLogState,
  isStale,
  isBehindLogs,
  staleAfterMs,
  MIN_STALE_AFTER_MS,
  STALE_AFTER_SEGMENTS,
} from './freshness.js';
