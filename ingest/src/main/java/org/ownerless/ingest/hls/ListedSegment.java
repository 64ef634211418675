package org.ownerless.ingest.hls;

/**
 * One segment a media playlist lists.
 *
 * @param sequence its media sequence number (EXT-X-MEDIA-SEQUENCE + its position)
 * @param uri as written in the playlist, relative to the playlist's directory
 * @param discontinuity an EXT-X-DISCONTINUITY precedes it
 * @param mapUri the EXT-X-MAP in force for it (fMP4 init section), or null for MPEG-TS
 */
record ListedSegment(long sequence, String uri, double seconds, boolean discontinuity, String mapUri) {}
