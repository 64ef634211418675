package org.ownerless.tracker;

import io.netty.buffer.ByteBuf;

/** The few JSON output primitives the tracker's replies need, written as UTF-8 straight into a ByteBuf. */
final class JsonBytes {
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private JsonBytes() {}

  /** Longest encoding of one character 0..255: {@code \\u00XX}. */
  static final int MAX_CHAR_BYTES = 6;

  /**
   * One character 0..255 inside a JSON string, escaped like {@link JsonOut}, UTF-8 encoded into
   * {@code out} at {@code at}; returns the index after it. Into an array, not a ByteBuf: ids are
   * written once as a whole instead of twenty bounds-checked single-byte writes.
   */
  static int putChar(byte[] out, int at, int c) {
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      out[at] = (byte) c;
      return at + 1;
    }
    if (c >= 0x80) {
      out[at] = (byte) (0xC0 | (c >> 6));
      out[at + 1] = (byte) (0x80 | (c & 0x3F));
      return at + 2;
    }
    out[at] = '\\';
    switch (c) {
      case '"', '\\' -> out[at + 1] = (byte) c;
      case '\n' -> out[at + 1] = 'n';
      case '\r' -> out[at + 1] = 'r';
      case '\t' -> out[at + 1] = 't';
      default -> {
        out[at + 1] = 'u';
        out[at + 2] = '0';
        out[at + 3] = '0';
        out[at + 4] = HEX[c >> 4];
        out[at + 5] = HEX[c & 15];
        return at + 6;
      }
    }
    return at + 2;
  }

  /** A decimal number without going through a String. */
  static void writeLong(ByteBuf out, long v) {
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        out.writeCharSequence(Long.toString(v), java.nio.charset.StandardCharsets.US_ASCII);
        return;
      }
      out.writeByte('-');
      v = -v;
    }
    if (v < 10) {
      out.writeByte((int) ('0' + v));
      return;
    }
    int digits = 1;
    for (long t = v / 10; t > 0; t /= 10) {
      digits++;
    }
    int at = out.writerIndex() + digits;
    out.ensureWritable(digits);
    out.writerIndex(at);
    while (digits-- > 0) {
      out.setByte(--at, (int) ('0' + v % 10));
      v /= 10;
    }
  }
}
