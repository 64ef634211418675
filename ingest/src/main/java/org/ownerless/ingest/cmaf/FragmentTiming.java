package org.ownerless.ingest.cmaf;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * When one fragment ({@code moof}) starts and how long it lasts on the timing track, and whether it
 * starts with a sync sample (a keyframe: a segment, or an independent part, may start there). Read
 * from {@code tfhd}, {@code tfdt} and {@code trun}, falling back to the {@code trex} defaults.
 */
record FragmentTiming(long startTicks, long durationTicks, boolean independent) {
  /** ISO/IEC 14496-12 sample flags: sample_is_non_sync_sample. */
  private static final int NON_SYNC = 0x0001_0000;

  static FragmentTiming of(Mp4Box moof, Track track) throws Mp4FormatException {
    try {
      for (Mp4Box traf : moof.children()) {
        if (traf.type().equals("traf")) {
          FragmentTiming t = ofTraf(traf, track);
          if (t != null) {
            return t;
          }
        }
      }
    } catch (BufferUnderflowException e) {
      throw new Mp4FormatException("a box in 'moof' is shorter than its fields");
    }
    throw new Mp4FormatException("a fragment has no samples of track " + track.id());
  }

  /** This traf's timing if it belongs to {@code track}, else null. */
  private static FragmentTiming ofTraf(Mp4Box traf, Track track) throws Mp4FormatException {
    Mp4Box tfhd = traf.require("tfhd");
    ByteBuffer h = tfhd.fullBoxBody();
    int tfhdFlags = tfhd.flags();
    if (h.getInt() != track.id()) {
      return null;
    }
    if ((tfhdFlags & 0x01) != 0) {
      h.getLong(); // base data offset
    }
    if ((tfhdFlags & 0x02) != 0) {
      h.getInt(); // sample description index
    }
    long defaultDuration = (tfhdFlags & 0x08) != 0 ? Integer.toUnsignedLong(h.getInt()) : track.defaultSampleDuration();
    if ((tfhdFlags & 0x10) != 0) {
      h.getInt(); // default sample size
    }
    int defaultFlags = (tfhdFlags & 0x20) != 0 ? h.getInt() : track.defaultSampleFlags();

    Mp4Box tfdt = traf.require("tfdt");
    ByteBuffer d = tfdt.fullBoxBody();
    long start = tfdt.version() == 1 ? d.getLong() : Integer.toUnsignedLong(d.getInt());

    long duration = 0;
    Integer firstFlags = null;
    for (Mp4Box trun : traf.children()) {
      if (!trun.type().equals("trun")) {
        continue;
      }
      int f = trun.flags();
      ByteBuffer r = trun.fullBoxBody();
      long count = Integer.toUnsignedLong(r.getInt());
      if ((f & 0x01) != 0) {
        r.getInt(); // data offset
      }
      Integer runFirstFlags = (f & 0x04) != 0 ? r.getInt() : null;
      int perSample = Integer.bitCount(f & 0xf00) * 4;
      if (count * perSample > r.remaining()) {
        throw new Mp4FormatException("'trun' lists " + count + " samples but holds " + r.remaining() + " bytes");
      }
      for (long i = 0; i < count; i++) {
        long sampleDuration = (f & 0x100) != 0 ? Integer.toUnsignedLong(r.getInt()) : defaultDuration;
        if ((f & 0x200) != 0) {
          r.getInt(); // size
        }
        int sampleFlags = (f & 0x400) != 0 ? r.getInt() : defaultFlags;
        if ((f & 0x800) != 0) {
          r.getInt(); // composition time offset
        }
        if (firstFlags == null) {
          firstFlags = i == 0 && runFirstFlags != null ? runFirstFlags : sampleFlags;
        }
        duration += sampleDuration;
      }
    }
    if (firstFlags == null) {
      return null; // an empty traf for this track: look for its samples in another one
    }
    return new FragmentTiming(start, duration, (firstFlags & NON_SYNC) == 0);
  }
}
