// Whose turn it is to fetch a new segment over HTTP. Every viewer reaches a new segment's high-demand
// window at about the same moment when they play at about the same distance behind live; the engine
// (p2p-media-loader-core 2.3.1) then fetched it over HTTP in each of them at once, even where a peer
// already had it or was fetching it, and the origin served the segment once per viewer (issue 17:
// normal met its offload target only in runs where one viewer happened to play alone in front).
//
// With a turn policy each viewer, for each segment, waits a moment of its own, drawn at random within
// `tieBreakSeconds` of when it first could fetch the segment (it entered the high-demand window). The
// first whose moment comes fetches over HTTP; the engine tells its peers at once that it is loading
// that segment over HTTP, and they wait for it and take it from that peer instead. Only when the
// segment is about to be played (`urgentSeconds` before the playhead reaches it) does a viewer go to
// HTTP regardless, so no viewer waits past that margin. The tie-break is short and comes first, so
// the peers that wait keep most of the window for the transfer from the one that fetched (turns drawn
// over the whole window left them too little: issue 17 runs). The engine calls this from its queue
// (tools/http-turn-patch.mjs); the policy travels with the engine configuration (player/delivery.js).

/** Per segment: when this viewer first could fetch it, and its draw in [0, 1); forgotten with the segment. */
const turns = new WeakMap();

function turnOf(segment, nowMs, random) {
  let t = turns.get(segment);
  if (t === undefined) {
    t = { firstMs: nowMs, draw: random() };
    turns.set(segment, t);
  }
  return t;
}

/**
 * What this viewer may do now about a segment in the engine's high-demand window.
 *
 * @param policy {urgentSeconds, tieBreakSeconds, startupSeconds} or undefined (the engine's own
 *   behaviour: HTTP at once)
 * @param segment the engine's segment (startTime in seconds of media)
 * @param playback the engine's playback {position, rate}
 * @param peers {someoneHas(segment), someoneIsLoading(segment), failedBefore(segment)}: what the peers
 *   announced, and whether a download of the segment from a peer already failed
 * @param sinceStartSeconds how long this viewer's engine has been loading
 * @param nowMs the clock the waits are measured on (performance.now())
 * @returns {urgent, waitMs}: urgent — HTTP now if a peer has not already given it; otherwise waitMs
 *   is how long to leave HTTP alone (0: this viewer's turn has come)
 */
export function httpTurn(policy, segment, playback, peers, sinceStartSeconds, nowMs, random = Math.random) {
  if (!policy) return { urgent: true, waitMs: 0 };
  // A viewer starting up fills its buffer as fast as it can: with only the first segment in hand, a
  // wait for its turn left it a second of media to play and starved browsers stalled (issue 17 runs).
  if (sinceStartSeconds < policy.startupSeconds) return { urgent: true, waitMs: 0 };
  // A peer already failed this viewer on this segment: no second wait on peers for it. On a starved
  // machine one slow peer after another used the whole window and the player stalled (issue 17, 8 viewers).
  if (peers.failedBefore?.(segment)) return { urgent: true, waitMs: 0 };
  const rate = playback.rate > 0 ? playback.rate : 1;
  const slack = (segment.startTime - playback.position) / rate;
  const beyondUrgent = slack - policy.urgentSeconds;
  if (!(beyondUrgent > 0)) return { urgent: true, waitMs: 0 };
  const untilUrgentMs = toMs(beyondUrgent);
  // A peer has it or is fetching it: leave HTTP alone until it is urgent; the peer's announcement
  // (or the urgent moment) brings the engine back here.
  if (peers.someoneHas(segment) || peers.someoneIsLoading(segment)) return { urgent: false, waitMs: untilUrgentMs };
  const { firstMs, draw } = turnOf(segment, nowMs, random);
  const turnMs = Math.ceil(firstMs + draw * policy.tieBreakSeconds * 1000 - nowMs);
  return { urgent: false, waitMs: Math.max(0, Math.min(turnMs, untilUrgentMs)) };
}

/** Whole milliseconds, rounded up (a wake-up too early finds the turn not yet come), float noise ignored. */
function toMs(seconds) {
  return Math.ceil(seconds * 1000 - 1e-6);
}

/**
 * Why this viewer's engine fetched segments over HTTP, counted as each fetch starts (window.ownerless
 * stats: `httpFetches`): while starting up; with a peer that had the segment or was fetching it (both
 * only once the segment was urgent, or with no policy); or alone, on its turn or urgent. Apart from
 * those, `cutPeerDownload`: fetches that replaced a download from a peer still in progress at the
 * urgent margin (the other downloads from peers that end aborted were dropped by the player).
 */
export const httpFetchReasons = { startup: 0, peerHad: 0, peerLoading: 0, urgentAlone: 0, turn: 0, cutPeerDownload: 0 };

/** Counts one download from a peer that the engine replaced by HTTP at the urgent margin. */
export function notePeerDownloadCut() {
  httpFetchReasons.cutPeerDownload++;
}

/** Counts one HTTP fetch the engine starts, by the reason it had (httpFetchReasons). */
export function noteHttpFetch(policy, segment, playback, peers, sinceStartSeconds, nowMs) {
  const r = httpFetchReasons;
  if (policy && sinceStartSeconds < policy.startupSeconds) r.startup++;
  else if (peers.someoneHas(segment)) r.peerHad++;
  else if (peers.someoneIsLoading(segment)) r.peerLoading++;
  else if (!policy || httpTurn(policy, segment, playback, peers, sinceStartSeconds, nowMs).urgent) r.urgentAlone++;
  else r.turn++;
}

/**
 * One timer for the engine's next look at its queue: the earliest moment a wait ends. The engine looks
 * again on its own when a peer announces something or playback moves, so an earlier look is harmless.
 */
export class TurnAlarm {
  #timer;
  #at = Infinity;

  constructor(wake, clock = () => performance.now(), timers = globalThis) {
    this.wake = wake;
    this.clock = clock;
    this.timers = timers;
  }

  /** Wakes the engine in `ms` unless an earlier wake-up is already set. */
  in(ms) {
    const at = this.clock() + ms;
    if (this.#timer !== undefined && at >= this.#at) return;
    this.cancel();
    this.#at = at;
    this.#timer = this.timers.setTimeout(() => {
      this.#timer = undefined;
      this.#at = Infinity;
      this.wake();
    }, ms);
  }

  cancel() {
    if (this.#timer !== undefined) this.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#at = Infinity;
  }
}
