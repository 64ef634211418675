package org.ownerless.ingest.transcode;

import java.util.ArrayDeque;

/**
 * The publisher's media bitrate (audio and video tag payloads) over the last few seconds of media
 * time. Media time rather than wall time: what the encoder spends per second of picture, unaffected
 * by network bursts. Bounded like {@link InputCadence}; a timestamp jump starts over.
 */
public final class InputBitrate {
  static final long WINDOW_MS = 4000;
  private static final int MAX_SAMPLES = 4096;

  private final ArrayDeque<long[]> samples = new ArrayDeque<>(); // {timestampMs, bytes}
  private long newest = -1;
  private long bytesInWindow;

  public void add(long timestampMs, int bytes) {
    if (newest >= 0 && (timestampMs < newest - InputCadence.DISCONTINUITY_MS
        || timestampMs > newest + InputCadence.DISCONTINUITY_MS)) {
      restart();
    }
    newest = Math.max(newest, timestampMs);
    samples.addLast(new long[] {timestampMs, bytes});
    bytesInWindow += bytes;
    while (samples.size() > MAX_SAMPLES || samples.peekFirst()[0] < newest - WINDOW_MS) {
      bytesInWindow -= samples.removeFirst()[1];
    }
  }

  public void restart() {
    samples.clear();
    newest = -1;
    bytesInWindow = 0;
  }

  /** Bits per second over the window, or 0 while it spans less than a second. */
  public long bitsPerSecond() {
    if (samples.isEmpty()) {
      return 0;
    }
    long span = newest - samples.peekFirst()[0];
    return span < 1000 ? 0 : bytesInWindow * 8 * 1000 / span;
  }
}
