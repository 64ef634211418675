package org.ownerless.tracker;

import io.netty.buffer.ByteBuf;

/** The few JSON output primitives the tracker's replies need, written as UTF-8 straight into a ByteBuf. */
final class JsonBytes {
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private JsonBytes() {}

  /** One character 0..255 inside a JSON string: escaped like {@link JsonOut}, UTF-8 encoded. */
  static void writeChar(ByteBuf out, int c) {
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      out.writeByte(c);
    } else if (c >= 0x80) {
      out.writeByte(0xC0 | (c >> 6)).writeByte(0x80 | (c & 0x3F));
    } else {
      out.writeByte('\\');
      switch (c) {
        case '"', '\\' -> out.writeByte(c);
        case '\n' -> out.writeByte('n');
        case '\r' -> out.writeByte('r');
        case '\t' -> out.writeByte('t');
        default -> out.writeByte('u').writeByte('0').writeByte('0').writeByte(HEX[c >> 4]).writeByte(HEX[c & 15]);
      }
    }
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
