// The verification library as the player uses it: one seam between the player and trust/.
export {
  AnnounceTracker,
  RootTracker,
  TrustError,
  checkSegment,
  verifyAnnounce,
  verifyManifest,
} from '../trust/index.js';
