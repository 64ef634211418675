package org.ownerless.ingest.hls;

/** One segment line of a media playlist; {@code index} is its media sequence number. */
public record PlaylistEntry(long index, String uri, long durationUs, boolean discontinuity) {}
