package org.ownerless.ingest.hls;

import java.nio.file.Path;

/** A media playlist the follower reads, under the rendition name it publishes; {@code variant} null without a master. */
record FollowedPlaylist(String name, Path playlist, Variant variant) {}
