// The verification library as the player uses it: one seam between the player and trust/.
export {
  AnnounceTracker,
  MAX_BYTES,
  MAX_PARTS,
  Problem,
  RootTracker,
  TrustError,
  asUint8,
  checkSegment,
  concatBytes,
  isBehindLogs,
  isEarlierLogState,
  isStale,
  verifyAnnounce,
  verifyManifest,
  verifyPart,
} from '../trust/index.js';
