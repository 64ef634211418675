package org.ownerless.ingest.transcode;

import java.nio.file.Path;

/**
 * One LL-HLS part (a fragment: {@code moof} + {@code mdat}) of the segment being written, complete
 * and handed on before that segment is. The segment, when it follows, is these parts' bytes one
 * after the other.
 *
 * @param segment the run's number of the segment the part belongs to: the same N as the
 *     {@link SegmentReady} file {@code N.m4s} that later carries it
 * @param index the part's place in that segment, from 0
 * @param independent the part starts with a keyframe
 * @param initFile the initialization section the part needs (read, not owned: the run's one init)
 */
public record PartReady(String rendition, byte[] bytes, long durationUs, boolean independent, long segment,
    int index, int run, Path initFile) {
  public PartReady {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
