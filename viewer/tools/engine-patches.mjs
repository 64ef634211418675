// The changes we make to the P2P engine's packages, applied as esbuild bundles them (tools/build.mjs):
// the peer size bound below, the tracker client's prompt reconnect (tracker-reconnect-patch.mjs), its
// extra announces while a viewer is alone in a swarm of others (lonely-reannounce-patch.mjs),
// turns at HTTP for segments at the live edge (http-turn-patch.mjs), the engine storing a segment a
// viewer put together from its LL-HLS parts (seed-from-parts-patch.mjs), and hls.js taking the
// transmux worker the page prestarted (hls-worker-patch.mjs).
//
// Why (p2p-media-loader-core 2.3.1): a peer answers a segment request with a SegmentData command declaring the segment's size, and
// the engine (lib/p2p/peer.js) takes that size as the request's total: it then accepts chunks up to it
// and only afterwards hands the whole to validateP2PSegment. A peer could declare gigabytes and the
// viewer would store them in memory before anything checks them. The engine has no hook for this, and
// its configuration keeps only its own keys, so the signed size reaches the patched line through a
// property of the validation function the engine already passes to peers
// (`validateP2PSegment.signedSize(url)`, set in player/delivery.js).
//
// What: a declared size that would take the segment past its signed size cancels the download, as the
// engine's own size-mismatch check does (and drops the peer). With the total then at most the signed
// size, the engine's existing overflow check cuts any chunk beyond it.
//
// If the engine's code changes (another version), the anchor is not found and the build fails: the
// bound cannot silently disappear.

import { readFile } from 'node:fs/promises';
import { replaceOnce } from './replace-once.mjs';
import { HLS_FILE, takePrestartedWorker } from './hls-worker-patch.mjs';
import { WEBSOCKET_TRACKER_FILE, promptTrackerReconnect } from './tracker-reconnect-patch.mjs';
import { HYBRID_LOADER_FILE, takeTurnsAtHttp } from './http-turn-patch.mjs';
import { TRACKER_CLIENT_FILE, reannounceWhenLonely } from './lonely-reannounce-patch.mjs';
import {
  CORE_FILE,
  SEGMENT_MANAGER_FILE,
  followBlockingReloads,
  storeSegmentsFromParts,
} from './seed-from-parts-patch.mjs';

export const PEER_FILE = /p2p-media-loader-core[\\/]lib[\\/]p2p[\\/]peer\.js$/;

const ANCHOR = `if (request.totalBytes === undefined) {
                                request.setTotalBytes(command.s);
                            }`;

const BOUNDED = `const signedSize = this.peerConfig.validateP2PSegment?.signedSize?.(request.segment.url);
                            if (signedSize !== undefined && request.loadedBytes + command.s > signedSize) {
                                // ownerless: a declared size beyond the signed one (tools/engine-patches.mjs)
                                request.clearLoadedBytes();
                                this.sendCancelSegmentRequestCommand(request.segment, requestId);
                                this.cancelSegmentDownloading("peer-response-bytes-length-mismatch");
                                this.destroy();
                            }
                            else if (request.totalBytes === undefined) {
                                request.setTotalBytes(command.s);
                            }`;

/** peer.js with the signed-size bound; throws if the engine's code is not the one this patch is for. */
export function boundPeerSegmentSize(source) {
  return replaceOnce(
    source,
    ANCHOR,
    BOUNDED,
    'p2p-media-loader-core peer.js changed: re-check tools/engine-patches.mjs',
  );
}

/** The esbuild plugin that applies the patches. */
export const enginePatches = {
  name: 'ownerless-engine-patches',
  setup(build) {
    const patch = (filter, change) =>
      build.onLoad({ filter }, async (args) => ({ contents: change(await readFile(args.path, 'utf8')), loader: 'js' }));
    patch(PEER_FILE, boundPeerSegmentSize);
    patch(WEBSOCKET_TRACKER_FILE, promptTrackerReconnect);
    patch(HYBRID_LOADER_FILE, takeTurnsAtHttp);
    patch(HLS_FILE, takePrestartedWorker);
    patch(TRACKER_CLIENT_FILE, reannounceWhenLonely);
    patch(CORE_FILE, storeSegmentsFromParts);
    patch(SEGMENT_MANAGER_FILE, followBlockingReloads);
  },
};
