// The player's events and the small bus they travel on, in the manner of hls.js: each part says what
// it saw under one of these names, and whoever keeps a view of it (stats, the event log, the playback
// state, the page) listens. No part writes into another part's state.

/** Every event the player emits, with its payload. A name not in this table is a TypeError. */
export const Events = Object.freeze({
  /** A file did not verify or could not be had: see `fileRefused` in trust-verdict.js for the payload. */
  FILE_REFUSED: 'fileRefused',
  /** Re-reading the announce found nothing verifiable at any origin: see `announceRefused` in trust-verdict.js. */
  ANNOUNCE_REFRESH_FAILED: 'announceRefreshFailed',
  /** A newer announce was verified and adopted while playing: {announce, previous}. */
  ANNOUNCE_UPDATED: 'announceUpdated',
  /**
   * The announce held has expired and no origin had a newer one (protocol §3): playback stops.
   * {problem: 'EXPIRED', seq, expiresAtMs, message}.
   */
  ANNOUNCE_EXPIRED: 'announceExpired',
  /** Failover moved the current origin: {from, to, reason}. */
  ORIGIN_CHANGED: 'originChanged',
  /** A segment or LL-HLS part matched its signed entry: {url, bytes, source: 'http' | 'p2p' | 'player', part}. */
  SEGMENT_VERIFIED: 'segmentVerified',
  /**
   * A segment this viewer put together from the parts it played was handed to the P2P engine to
   * share (part-seeding.js): {url, bytes, parts}.
   */
  SEGMENT_SEEDED: 'segmentSeeded',
  /** Media bytes arrived, verified or not yet: {bytes, source: 'http' | 'p2p'}. */
  BYTES_DOWNLOADED: 'bytesDownloaded',
  /** Bytes this viewer sent to a peer: {bytes}. */
  BYTES_UPLOADED: 'bytesUploaded',
  /**
   * A segment download from a peer ended: {outcome: 'loaded' | 'aborted' | the engine's error type,
   * ms: how long since it started (undefined if its start was not heard)}.
   */
  P2P_TRY_ENDED: 'p2pTryEnded',
  /** {peerId} */
  PEER_CONNECTED: 'peerConnected',
  /** {peerId} */
  PEER_CLOSED: 'peerClosed',
  /** A tracker connection failed: {message}. */
  TRACKER_ERROR: 'trackerError',
  /**
   * A media playlist was written for hls.js from this verified root: {rendition, root, edgeTimeMs}
   * (when its newest listed media was complete, by the signer's clock: Session's edgeTimeOf).
   */
  MEDIA_PLAYLIST_WRITTEN: 'mediaPlaylistWritten',
  /** The latency mode in force, the creator's or the address's override: {mode}. */
  LATENCY_MODE_CHOSEN: 'latencyModeChosen',
  /** This viewer's distance behind the live edge, drawn once from its mode: {seconds}. */
  LIVE_DISTANCE_DRAWN: 'liveDistanceDrawn',
  /** hls.js now plays this rendition: {rendition} (null when the level is not one of ours). */
  RENDITION_SWITCHED: 'renditionSwitched',
  /** The once-a-second look at playback: {latencySeconds} (null while unknown). */
  PLAYBACK_SAMPLED: 'playbackSampled',
  /** {state: 'loading' | 'playing' | 'stalled' | 'untrusted' | 'expired' | 'failed', message} */
  STATE_CHANGED: 'stateChanged',
  /** Stats changed in a way the page shows: {snapshot, history}. */
  STATS_UPDATED: 'statsUpdated',
});

const KNOWN = new Set(Object.values(Events));

function known(event) {
  // A misspelt name would otherwise be an event nobody ever hears.
  if (!KNOWN.has(event)) throw new TypeError(`unknown player event: ${event}`);
}

/** Synchronous: listeners have run, in the order they subscribed, when emit returns. */
export class EventBus {
  #listeners = new Map();

  /** Calls `listener(payload)` on each `event`; returns the function that stops it. */
  on(event, listener) {
    known(event);
    const list = this.#listeners.get(event) ?? [];
    this.#listeners.set(event, [...list, listener]);
    return () => this.off(event, listener);
  }

  off(event, listener) {
    known(event);
    const list = this.#listeners.get(event) ?? [];
    this.#listeners.set(
      event,
      list.filter((l) => l !== listener),
    );
  }

  emit(event, payload = {}) {
    known(event);
    const frozen = Object.freeze({ ...payload });
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        listener(frozen);
      } catch (e) {
        // A listener's bug (say, in the page) must not reach the emitter: the segment verifier
        // would take the exception for a bad segment, and the origins code for a bad origin.
        console.error(`ownerless: a listener of ${event} failed`, e);
      }
    }
  }
}
