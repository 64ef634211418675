package org.ownerless.bench.tracker;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Outbound JSON written straight into a ByteBuf. The generator must outpace the server it
 * measures, so messages are spliced from pre-encoded pieces instead of going through a
 * generator object per message.
 */
final class Json {
  private Json() {}

  /**
   * A random 20-character id of code points ≤ U+00FF, as WebTorrent clients send (binary strings).
   * Drawn from characters that need no JSON escaping, but including non-ASCII ones so the server's
   * latin-1 handling is exercised (they are two UTF-8 bytes on the wire).
   */
  static String randomId(java.util.Random random) {
    char[] c = new char[20];
    for (int i = 0; i < c.length; i++) {
      int r = random.nextInt(92 + 96);
      c[i] = (char) (r < 92 ? 0x23 + r : 0xA0 + (r - 92)); // 0x23..0x7E minus nothing needing escapes...
      if (c[i] == '\\') c[i] = '~';                          // ...except the backslash
    }
    return new String(c);
  }

  static String randomId() {
    return randomId(ThreadLocalRandom.current());
  }

  /** A JSON string literal (with quotes) for any string, UTF-8 encoded. */
  static void string(ByteBuf out, String s) {
    out.writeByte('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.writeByte('\\').writeByte(c);
      } else if (c < 0x20) {
        out.writeByte('\\').writeByte('u').writeByte('0').writeByte('0')
            .writeByte(hex(c >> 4)).writeByte(hex(c & 15));
      } else if (c < 0x80) {
        out.writeByte(c);
      } else if (c < 0x800) {
        out.writeByte(0xC0 | (c >> 6)).writeByte(0x80 | (c & 0x3F));
      } else {
        // Ids never carry these; kept correct for completeness (no surrogate pairs in our data).
        out.writeByte(0xE0 | (c >> 12)).writeByte(0x80 | ((c >> 6) & 0x3F)).writeByte(0x80 | (c & 0x3F));
      }
    }
    out.writeByte('"');
  }

  static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static int hex(int n) {
    return n < 10 ? '0' + n : 'a' + n - 10;
  }
}
