package org.ownerless.ingest.cmaf;

/**
 * One track as the {@code moov} box describes it: what fragments need to turn their sample counts into
 * time (the timescale, and the defaults {@code trex} gives for fields a fragment leaves out).
 */
record Track(int id, String handler, long timescale, long defaultSampleDuration, int defaultSampleFlags) {
  boolean isVideo() {
    return handler.equals("vide");
  }
}
