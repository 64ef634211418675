// The engine's queue (p2p-media-loader-core 2.3.1, lib/hybrid-loader.js) takes turns at HTTP for
// segments in its high-demand window: src/main/js/player/http-turn.js says why and decides; this puts
// the decision where the engine chose HTTP unconditionally.
//
// Two changes, each only while the segment is not yet urgent (a policy is set and the segment starts
// more than its urgent margin ahead of the playhead):
// 1. a segment loading from a peer is no longer abandoned for HTTP as soon as an HTTP slot is free;
// 2. a segment not loading is taken from a peer that has it, and otherwise left alone while a peer
//    fetches it over HTTP, or until this viewer's own drawn moment.
// A timer brings the engine back to its queue when a wait ends. Without a policy the engine behaves as
// it always did. If the engine's code changes, an anchor is not found and the build fails.

import { fileURLToPath } from 'node:url';
import { replaceOnce } from './replace-once.mjs';

export const HYBRID_LOADER_FILE = /p2p-media-loader-core[\\/]lib[\\/]hybrid-loader\.js$/;

const TURN = fileURLToPath(new URL('../src/main/js/player/http-turn.js', import.meta.url));

const HELPER = `
// ownerless: whose turn it is at HTTP (tools/http-turn-patch.mjs)
function ownerlessPeers(loader) {
    const p2p = loader.p2pLoaders.currentLoader;
    return {
        someoneHas: (s) => p2p.isSegmentLoadedBySomeone(s),
        someoneIsLoading: (s) => p2p.isSegmentLoadingOrLoadedBySomeone(s),
        failedBefore: (s) => (loader.requests.get(s)?.failedAttempts.p2pAttemptsCount ?? 0) > 0,
    };
}
function ownerlessTurn(loader, segment) {
    const turn = ownerlessHttpTurn(loader.config.validateHTTPSegment?.httpTurn, segment, loader.playback,
        ownerlessPeers(loader), (performance.now() - loader.createdAt) / 1000, performance.now());
    if (turn.waitMs > 0) {
        loader.ownerlessTurnAlarm ??= new OwnerlessTurnAlarm(() => loader.requestProcessQueueMicrotask());
        loader.ownerlessTurnAlarm.in(turn.waitMs);
    }
    return turn;
}
`;

const SWITCHES_TO_HTTP = `const shouldSwitchFromP2PToHttp = canLoadThroughHttp &&
                        request.downloadSource === "p2p" &&`;

const SWITCHES_WHEN_URGENT = `const shouldSwitchFromP2PToHttp = canLoadThroughHttp &&
                        request.downloadSource === "p2p" &&
                        ownerlessTurn(this, segment).urgent &&`;

const SWITCH = `if (shouldSwitchFromP2PToHttp) {
                        request.abortFromProcessQueue();`;

const SWITCH_COUNTED = `if (shouldSwitchFromP2PToHttp) {
                        ownerlessNotePeerDownloadCut();
                        request.abortFromProcessQueue();`;

const NOT_LOADING = `// High-demand request is not loading
`;

const NOT_LOADING_TAKES_TURNS = `// High-demand request is not loading
                const ownerlessTurnNow = ownerlessTurn(this, segment);
                if (!ownerlessTurnNow.urgent) {
                    if (this.p2pLoaders.currentLoader.isSegmentLoadedBySomeone(segment) &&
                        this.requests.executingP2PCount < simultaneousP2PDownloads) {
                        this.loadThroughP2P(segment);
                        continue;
                    }
                    if (ownerlessTurnNow.waitMs > 0)
                        continue;
                }
`;

const LOAD_THROUGH_HTTP = `loadThroughHttp(segment) {
`;

const LOAD_THROUGH_HTTP_NOTED = `loadThroughHttp(segment) {
        ownerlessNoteHttpFetch(this.config.validateHTTPSegment?.httpTurn, segment, this.playback,
            ownerlessPeers(this), (performance.now() - this.createdAt) / 1000, performance.now());
`;

const DESTROY = `destroy() {
        clearTimeout(this.randomHttpDownloadTimeout);`;

const DESTROY_ALARM = `destroy() {
        this.ownerlessTurnAlarm?.cancel();
        clearTimeout(this.randomHttpDownloadTimeout);`;

const CHANGED = 'p2p-media-loader-core hybrid-loader.js changed: re-check tools/http-turn-patch.mjs';

/** hybrid-loader.js taking turns at HTTP; throws if the engine is not the one this patch is for. */
export function takeTurnsAtHttp(source) {
  let s = replaceOnce(source, SWITCHES_TO_HTTP, SWITCHES_WHEN_URGENT, CHANGED);
  s = replaceOnce(s, SWITCH, SWITCH_COUNTED, CHANGED);
  s = replaceOnce(s, NOT_LOADING, NOT_LOADING_TAKES_TURNS, CHANGED);
  s = replaceOnce(s, LOAD_THROUGH_HTTP, LOAD_THROUGH_HTTP_NOTED, CHANGED);
  s = replaceOnce(s, DESTROY, DESTROY_ALARM, CHANGED);
  const imports = `import { httpTurn as ownerlessHttpTurn, noteHttpFetch as ownerlessNoteHttpFetch, notePeerDownloadCut as ownerlessNotePeerDownloadCut, TurnAlarm as OwnerlessTurnAlarm } from ${JSON.stringify(TURN)};`;
  return `${imports}\n${s}\n${HELPER}`;
}
