/**
 * FLV/RTMP media framing for ingest: reading the per-message audio/video tag headers that RTMP
 * publishers send (legacy FLV v10 and Enhanced RTMP), the codec configuration records inside
 * sequence headers (avcC, H.264 SPS, AAC AudioSpecificConfig) to learn resolution and RFC 6381
 * codec strings, and writing the FLV byte stream that ffmpeg reads on stdin.
 *
 * <p>All parsers read from the remote publisher's bytes, so they are bounded: they never loop or
 * allocate more than the input size and signal every defect with {@link
 * org.ownerless.ingest.flv.FlvFormatException}.
 */
package org.ownerless.ingest.flv;
