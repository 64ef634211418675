// The tracker info_hashes a viewer announces for a stream, computed by the real code on the viewer's
// path: the viewer's own master playlist (playlists.js) and swarm id (delivery.js), hls.js's playlist
// parser, p2p-media-loader-hlsjs's stream registration and p2p-media-loader-core's hashing. The node
// derives the same hashes in Java (org.ownerless.viewer.SwarmHashes) to restrict its tracker to its own
// swarms; SwarmHashesTest compares the two on the same inputs.
//
// stdin: {"pub": PUB, "name": NAME, "renditions": [{name, bandwidth, width, height, codecs}, ...]}
// stdout: {"<rendition name>": "<info_hash>", ...}
import { readFileSync } from 'node:fs';

// The engine core's browser bundle (node resolves it with --conditions=p2pml:core-as-bundle; its
// lib/index.js cannot load under node) reads `self` and `WebSocket` when it loads; node 20 has neither,
// and nothing here opens a socket.
globalThis.self ??= globalThis;
globalThis.WebSocket ??= class {};
const { M3U8Parser } = await import('hls.js');
// Not in the packages' public exports: their own modules, by file (versions pinned by package-lock.json).
const { SegmentManager } = await import('../node_modules/p2p-media-loader-hlsjs/lib/segment-manager.js');
const { getStreamSwarmId } = await import('../node_modules/p2p-media-loader-core/lib/utils/stream.js');
const { getStreamHash } = await import('../node_modules/p2p-media-loader-core/lib/utils/peer.js');
const { masterPlaylist } = await import('../src/main/js/player/playlists.js');
const { swarmId } = await import('../src/main/js/player/delivery.js');
const { StreamAddress } = await import('../src/main/js/player/stream-address.js');

const input = JSON.parse(readFileSync(0, 'utf8'));
const address = new StreamAddress(input.pub, input.name);
const text = masterPlaylist({ renditions: input.renditions }, address);
const parsed = M3U8Parser.parseMasterPlaylist(text, address.masterUrl());

// The engine registers one stream per level on hls.js's MANIFEST_LOADED; this stands in for its core.
const streams = [];
new SegmentManager({ addStreamIfNoneExists: (s) => streams.push(s) }).processMainManifest({
  levels: parsed.levels,
  audioTracks: [],
});

const hashes = {};
for (const r of input.renditions) {
  const stream = streams.find((s) => s.runtimeId === address.mediaUrl(r.name));
  hashes[r.name] = getStreamHash(getStreamSwarmId(swarmId(address), stream));
}
process.stdout.write(JSON.stringify(hashes) + '\n');
