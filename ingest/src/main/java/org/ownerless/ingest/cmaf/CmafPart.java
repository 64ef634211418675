package org.ownerless.ingest.cmaf;

/**
 * One part of a segment: a fragment ({@code moof} + {@code mdat}, with any {@code styp}/{@code prft}
 * before it), as LL-HLS lists it in {@code EXT-X-PART}. {@code sequence} is its segment's media
 * sequence number, {@code index} its place in that segment from 0. Times are media time in
 * microseconds on the timing track.
 */
public record CmafPart(long sequence, int index, byte[] bytes, long startMicros, long durationMicros,
    boolean independent) {
  public CmafPart {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  int size() {
    return bytes.length;
  }
}
