package org.ownerless.ingest.hls;

/** What ffprobe found in a segment: the picture size and the RFC 6381 codecs ("" if none is known). */
record ProbedMedia(int width, int height, String codecs) {}
