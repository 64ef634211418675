package org.ownerless.ingest.cmaf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Hand-built ISO BMFF boxes: just the fields the cutter reads, laid out as the standard says. */
final class SyntheticMp4 {
  static final int VIDEO = 1;
  static final int AUDIO = 2;
  static final int SYNC = 0x0200_0000;      // sample_depends_on = 2 (an I-frame), sync
  static final int NON_SYNC = 0x0101_0000;  // depends on others, sample_is_non_sync_sample

  private SyntheticMp4() {}

  static byte[] box(String type, byte[]... children) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] c : children) {
      body.writeBytes(c);
    }
    ByteBuffer b = ByteBuffer.allocate(8 + body.size());
    b.putInt(8 + body.size()).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(body.toByteArray());
    return b.array();
  }

  static byte[] fullBox(String type, int version, int flags, byte[] fields) {
    ByteBuffer b = ByteBuffer.allocate(4 + fields.length);
    b.putInt((version << 24) | flags).put(fields);
    return box(type, b.array());
  }

  static byte[] ints(long... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length);
    for (long v : values) {
      b.putInt((int) v);
    }
    return b.array();
  }

  static byte[] ftyp() {
    return box("ftyp", "iso6".getBytes(StandardCharsets.ISO_8859_1), ints(0));
  }

  /** A moov with the given tracks (id, handler, timescale) and trex defaults (duration, flags). */
  static byte[] moov(byte[]... traksThenTrexes) {
    return box("moov", traksThenTrexes);
  }

  static byte[] trak(int id, String handler, long timescale) {
    byte[] tkhd = fullBox("tkhd", 0, 3, ints(0, 0, id, 0, 0));
    byte[] mdhd = fullBox("mdhd", 0, 0, ints(0, 0, timescale, 0, 0));
    byte[] hdlr = fullBox("hdlr", 0, 0, concat(ints(0), handler.getBytes(StandardCharsets.ISO_8859_1), ints(0, 0, 0)));
    return box("trak", tkhd, box("mdia", mdhd, hdlr));
  }

  static byte[] mvex(byte[]... trexes) {
    return box("mvex", trexes);
  }

  static byte[] trex(int id, long duration, int flags) {
    return fullBox("trex", 0, 0, ints(id, 1, duration, 0, flags));
  }

  /**
   * A fragment of {@code samples} samples of {@code sampleTicks} each on track {@code id}, starting at
   * {@code start}; the first sample's flags given in the trun, the rest left to the trex default.
   */
  static byte[] moof(int id, long start, int samples, long sampleTicks, int firstFlags) {
    byte[] tfhd = fullBox("tfhd", 0, 0x020008, ints(id, sampleTicks)); // default-base-is-moof + default duration
    byte[] tfdt = fullBox("tfdt", 1, 0, ByteBuffer.allocate(8).putLong(start).array());
    ByteBuffer run = ByteBuffer.allocate(12 + 4 * samples);
    run.putInt(samples).putInt(0).putInt(firstFlags);
    for (int i = 0; i < samples; i++) {
      run.putInt(1000); // sample size
    }
    byte[] trun = fullBox("trun", 0, 0x000205, run.array()); // data offset, first sample flags, sizes
    return box("moof", fullBox("mfhd", 0, 0, ints(1)), box("traf", tfhd, tfdt, trun));
  }

  static byte[] mdat(int bytes) {
    return box("mdat", new byte[bytes]);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      all.writeBytes(p);
    }
    return all.toByteArray();
  }
}
