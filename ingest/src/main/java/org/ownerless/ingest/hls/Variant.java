package org.ownerless.ingest.hls;

/**
 * One EXT-X-STREAM-INF of a master playlist. Attributes the packager left out are -1 (numbers) or
 * null (codecs); the follower then measures them from the first segment.
 */
record Variant(String uri, long bandwidth, int width, int height, String codecs) {}
