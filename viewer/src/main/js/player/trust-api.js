// The verification library as the player uses it: one seam between the player and trust/.
export {
  AnnounceTracker,
  MAX_BYTES,
  Problem,
  RootTracker,
  TrustError,
  checkSegment,
  isBehindLogs,
  isStale,
  verifyAnnounce,
  verifyManifest,
} from '../trust/index.js';
