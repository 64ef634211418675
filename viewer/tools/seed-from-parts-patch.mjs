// The engine's Core (p2p-media-loader-core 2.3.1, lib/core.js) stores a segment only when its own
// loader fetched it. A viewer that plays LL-HLS parts fetched the segment's bytes part by part, through
// the player's loader (player/part-seeding.js puts them together and checks them against the signed
// segment); this adds the one method that hands such a segment to the engine (it resolves with
// "stored", "held" when the engine had it already, or "unknown" when it does not list it): stored under the same
// swarm and segment ids the engine's loader uses, so it is announced to peers and served to them like
// any other. The stream's loader (and with it the tracker client) is started if this viewer never
// asked the engine for a whole segment before, and its peers are switched to the segment's stream if
// they were another's: a viewer playing parts asks the engine for whole segments only at start-up,
// often of another rendition, and its announcements would otherwise go to that rendition's swarm.
//
// Second, the hls.js side (p2p-media-loader-hlsjs 2.3.1, lib/segment-manager.js) finds the stream of
// a reloaded playlist by the URL hls.js loaded it from. An LL-HLS playlist with CAN-BLOCK-RELOAD is
// reloaded as `index.m3u8?_HLS_msn=N&_HLS_part=K`, which names no stream, so the engine never learnt
// of a segment after the first playlist and had nothing to store a joined segment under. It now also
// looks the stream up without the query (its streams are named by the master playlist's URLs, which
// carry none). If the engine's code changes, an anchor is not found and the build fails.

import { replaceOnce } from './replace-once.mjs';

export const CORE_FILE = /p2p-media-loader-core[\\/]lib[\\/]core\.js$/;
export const SEGMENT_MANAGER_FILE = /p2p-media-loader-hlsjs[\\/]lib[\\/]segment-manager\.js$/;

const PLAYLIST_ANCHOR = `        const playlist = this.core.getStream(url);
        if (!playlist)
            return;`;

const PLAYLIST_WITHOUT_QUERY = `        // ownerless: a blocking reload's query names no stream (tools/seed-from-parts-patch.mjs)
        const playlist = this.core.getStream(url) ?? this.core.getStream(url.split("?")[0]);
        if (!playlist)
            return;`;

const UPDATE_ANCHOR = `        this.core.updateStream(url, newSegments, segmentToRemoveIds.values());`;
const UPDATE_FOUND = `        this.core.updateStream(playlist.runtimeId, newSegments, segmentToRemoveIds.values());`;

const ANCHOR = `    isSegmentLoadable(segmentRuntimeId) {`;

const METHOD = `    // ownerless: a verified segment this viewer put together from its parts (tools/seed-from-parts-patch.mjs)
    async storeVerifiedSegment(segmentRuntimeId, data) {
        if (!this.manifestResponseUrl)
            return "unknown";
        const segment = StreamUtils.getSegmentFromStreamsMap(this.streams, segmentRuntimeId);
        if (!segment || !this.isSegmentLoadable(segmentRuntimeId))
            return "unknown";
        await this.initializeSegmentStorage();
        // As the loader's own loadSegment does when hls.js asks for a segment of another stream: its
        // peers for the segment's stream (a rendition this viewer never asked the engine for) are the
        // ones who must hear of it.
        const loader = this.getStreamHybridLoader(segment);
        if (loader.lastRequestedSegment.stream !== segment.stream) {
            loader.p2pLoaders.changeCurrentLoader(segment.stream);
            loader.lastRequestedSegment = segment;
        }
        const config = segment.stream.type === "main" ? this.mainStreamConfig : this.secondaryStreamConfig;
        const swarmId = config.swarmId ?? this.manifestResponseUrl;
        const streamSwarmId = StreamUtils.getStreamSwarmId(swarmId, segment.stream);
        if (this.segmentStorage.hasSegment(swarmId, streamSwarmId, segment.externalId))
            return "held";
        await this.segmentStorage.storeSegment(swarmId, streamSwarmId, segment.externalId, data, segment.startTime, segment.endTime, segment.stream.type, this.streamDetails.isLive);
        return "stored";
    }
`;

/** segment-manager.js following reloads with a query; throws if the engine's code is not the one this is for. */
export function followBlockingReloads(source) {
  const changed = 'p2p-media-loader-hlsjs segment-manager.js changed: re-check tools/seed-from-parts-patch.mjs';
  return replaceOnce(
    replaceOnce(source, PLAYLIST_ANCHOR, PLAYLIST_WITHOUT_QUERY, changed),
    UPDATE_ANCHOR,
    UPDATE_FOUND,
    changed,
  );
}

/** core.js with storeVerifiedSegment; throws if the engine's code is not the one this patch is for. */
export function storeSegmentsFromParts(source) {
  return replaceOnce(
    source,
    ANCHOR,
    METHOD + ANCHOR,
    'p2p-media-loader-core core.js changed: re-check tools/seed-from-parts-patch.mjs',
  );
}
