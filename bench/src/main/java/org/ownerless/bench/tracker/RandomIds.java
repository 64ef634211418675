package org.ownerless.bench.tracker;

import io.netty.buffer.ByteBuf;

/**
 * Writes fresh 20-character offer ids straight into an outgoing message as JSON string literals,
 * ten per announce, without a String, a char[] or a random call per character: one 64-bit
 * xorshift draw gives nine characters. Half of the 128-character alphabet is printable ASCII
 * (no quote or backslash), half is U+00A0..U+00DF, two UTF-8 bytes on the wire, so servers still
 * see the binary-string ids WebTorrent clients send (same shape as {@link Json#randomId}).
 * One instance per connection: not thread-safe.
 */
final class RandomIds {
  static final int LENGTH = 20;
  private static final char[] ALPHABET = alphabet();
  private long state;

  RandomIds(long seed) {
    state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
  }

  /** Appends {@code "<20 chars>"} (quotes included) to {@code out}. */
  void write(ByteBuf out) {
    out.writeByte('"');
    long bits = 0;
    for (int i = 0; i < LENGTH; i++) {
      if (i % 9 == 0) bits = draw();
      char c = ALPHABET[(int) (bits & 127)];
      bits >>>= 7;
      if (c < 0x80) out.writeByte(c);
      else out.writeByte(0xC0 | (c >> 6)).writeByte(0x80 | (c & 0x3F));
    }
    out.writeByte('"');
  }

  private long draw() { // xorshift64* (Vigna): plenty for unique ids, not for secrets
    state ^= state >>> 12;
    state ^= state << 25;
    state ^= state >>> 27;
    return state * 0x2545F4914F6CDD1DL;
  }

  static char[] alphabet() {
    char[] a = new char[128];
    int n = 0;
    for (char c = '#'; n < 64; c++) if (c != '\\') a[n++] = c;
    for (char c = 0xA0; n < 128; c++) a[n++] = c;
    return a;
  }
}
