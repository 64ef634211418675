/**
 * Cutting a live fragmented-MP4 stream into CMAF parts and segments as it arrives: the groundwork of
 * low-latency HLS. ffmpeg writes one fragmented MP4 per rendition into a pipe (a fragment every few
 * hundred milliseconds, delivered the moment it is complete — unlike its segment muxer, which writes
 * a segment's fragments only when the segment closes); here the byte stream becomes an init section,
 * parts (each {@code moof} with its {@code mdat}) and segments (runs of parts that start on a
 * keyframe), each with its media time and duration read from the boxes themselves.
 */
package org.ownerless.ingest.cmaf;
