package org.ownerless.ingest.flv;

import java.io.ByteArrayOutputStream;

/**
 * Test-only writer of H.264 SPS bit strings, for cases x264 never emits (pic_order_cnt_type 1,
 * scaling lists in the SPS, monochrome, separate colour planes) so the parser's handling of them
 * can be checked against values we chose.
 *
 * <p>{@link #toNal()} appends rbsp_trailing_bits and inserts emulation-prevention bytes exactly as
 * an encoder must (§7.4.1), so the parser's unescaping is exercised too.
 */
final class SpsBuilder {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private int current;
  private int bitCount;

  SpsBuilder bits(long value, int n) {
    for (int i = n - 1; i >= 0; i--) {
      current = (current << 1) | (int) ((value >>> i) & 1);
      if (++bitCount == 8) {
        bytes.write(current);
        current = 0;
        bitCount = 0;
      }
    }
    return this;
  }

  SpsBuilder flag(boolean b) {
    return bits(b ? 1 : 0, 1);
  }

  SpsBuilder ue(long v) {
    long codeNum = v + 1;
    int len = 64 - Long.numberOfLeadingZeros(codeNum);
    bits(0, len - 1);
    return bits(codeNum, len);
  }

  SpsBuilder se(long v) {
    return ue(v > 0 ? 2 * v - 1 : -2 * v);
  }

  /** The NAL unit: header 0x67, the RBSP with trailing bits, escaped. */
  byte[] toNal() {
    bits(1, 1); // rbsp_stop_one_bit
    while (bitCount != 0) {
      bits(0, 1);
    }
    byte[] rbsp = bytes.toByteArray();
    ByteArrayOutputStream nal = new ByteArrayOutputStream();
    nal.write(0x67);
    int zeros = 0;
    for (byte value : rbsp) {
      int b = value & 0xff;
      if (zeros >= 2 && b <= 3) {
        nal.write(3);
        zeros = 0;
      }
      nal.write(b);
      zeros = b == 0 ? zeros + 1 : 0;
    }
    return nal.toByteArray();
  }

  /** Writes profile/constraints/level and sps id; the caller continues with the rest. */
  static SpsBuilder start(int profileIdc, int levelIdc) {
    return new SpsBuilder().bits(profileIdc, 8).bits(0, 8).bits(levelIdc, 8).ue(0);
  }
}
