// How much and how long the viewer reads a signed JSON file from an origin: shared by StreamTrust and
// the page's early fetches (early-fetches.js), which must ask for exactly what StreamTrust would.

/** A manifest: the protocol's limit (an ended stream's window holds up to 8192 entries). */
export const JSON_LIMIT = 2 * 1024 * 1024;
/** An announce: its longest legal form (32 hint URLs of 2 KiB, 16 renditions, tips) is under 128 KiB. */
export const ANNOUNCE_LIMIT = 256 * 1024;
export const JSON_TIMEOUT_MS = 5000;
/**
 * How long an origin may hold a blocking manifest request (`manifest.json?_HLS_msn=N`) before answering
 * with what it has: the origin's bound (3 segments, at most 6 s). A request that asks for the next
 * segment gets this much on top of JSON_TIMEOUT_MS, so a holding origin is not taken for a slow one.
 */
export const MANIFEST_HOLD_MS = 6000;
