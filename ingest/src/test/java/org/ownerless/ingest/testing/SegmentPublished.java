package org.ownerless.ingest.testing;

import java.nio.file.Path;

/** Segment {@code index} of {@code rendition} is in place and listed in the media playlist. */
public record SegmentPublished(String stream, String rendition, long index, Path file, long durationUs,
    boolean discontinuity) {}
