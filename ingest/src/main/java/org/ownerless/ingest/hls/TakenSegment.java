package org.ownerless.ingest.hls;

import java.nio.file.Path;

/** A segment now in the node's work directory, ready to be signed. {@code init} null for MPEG-TS. */
record TakenSegment(Path file, double seconds, boolean discontinuity, Path init, long sourceBytes) {}
