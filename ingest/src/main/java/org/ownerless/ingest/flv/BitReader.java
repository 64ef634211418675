package org.ownerless.ingest.flv;

/**
 * MSB-first bit reader over a byte range, with the Exp-Golomb codes of ISO 14496-10 §9.1.
 *
 * <p>Every read is bounds-checked and fails with {@link FlvFormatException} naming the structure
 * being parsed ({@code what}), so a truncated SPS or AudioSpecificConfig produces a message a human
 * can act on instead of an {@code ArrayIndexOutOfBoundsException}.
 */
final class BitReader {
  /**
   * Exp-Golomb prefixes longer than this cannot encode a value that fits in 32 bits (§9.1 limits
   * codeNum to 2^32 - 2), so a longer run of zeros is garbage; stopping here also bounds the loop.
   */
  private static final int MAX_EXP_GOLOMB_LEADING_ZEROS = 31;

  private final byte[] data;
  private final long endBit;
  private final String what;
  private long bitPos;

  BitReader(byte[] data, int offset, int length, String what) {
    this.data = data;
    this.bitPos = (long) offset * 8;
    this.endBit = (long) (offset + length) * 8;
    this.what = what;
  }

  long bitsLeft() {
    return endBit - bitPos;
  }

  int readBit() {
    if (bitPos >= endBit) {
      throw new FlvFormatException(what + " truncated: needed more bits than the "
          + (endBit / 8) + " bytes available");
    }
    int b = (data[(int) (bitPos >>> 3)] >> (7 - (int) (bitPos & 7))) & 1;
    bitPos++;
    return b;
  }

  boolean readFlag() {
    return readBit() == 1;
  }

  /** Reads {@code n} (0..32) bits as an unsigned value. */
  long readBits(int n) {
    if (n < 0 || n > 32) {
      throw new IllegalArgumentException("bit count " + n);
    }
    if (bitsLeft() < n) {
      throw new FlvFormatException(what + " truncated: needed " + n + " bits, "
          + bitsLeft() + " left");
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 1) | readBit();
    }
    return v;
  }

  int readInt(int n) {
    if (n > 31) {
      throw new IllegalArgumentException("readInt supports up to 31 bits, asked " + n);
    }
    return (int) readBits(n);
  }

  void skipBits(long n) {
    if (bitsLeft() < n) {
      throw new FlvFormatException(what + " truncated: needed to skip " + n + " bits, "
          + bitsLeft() + " left");
    }
    bitPos += n;
  }

  /** ue(v): unsigned Exp-Golomb, 0 .. 2^32 - 2. */
  long readUe() {
    int leadingZeros = 0;
    while (readBit() == 0) {
      leadingZeros++;
      if (leadingZeros > MAX_EXP_GOLOMB_LEADING_ZEROS) {
        throw new FlvFormatException(what + " malformed: Exp-Golomb code with more than "
            + MAX_EXP_GOLOMB_LEADING_ZEROS + " leading zero bits");
      }
    }
    return (1L << leadingZeros) - 1 + readBits(leadingZeros);
  }

  /** ue(v) that must lie in [0, max]; {@code field} names it in the error. */
  int readUe(String field, int max) {
    long v = readUe();
    if (v > max) {
      throw new FlvFormatException(what + " malformed: " + field + " = " + v
          + " exceeds its maximum " + max);
    }
    return (int) v;
  }

  /** se(v): signed Exp-Golomb, mapping codeNum k to (-1)^(k+1) * ceil(k / 2) (§9.1.1). */
  long readSe() {
    long k = readUe();
    return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
  }

  /** se(v) that must lie in [min, max]. */
  int readSe(String field, int min, int max) {
    long v = readSe();
    if (v < min || v > max) {
      throw new FlvFormatException(what + " malformed: " + field + " = " + v
          + " outside [" + min + ", " + max + "]");
    }
    return (int) v;
  }
}
