package org.ownerless.tracker;

import java.nio.charset.StandardCharsets;

/**
 * A validating JSON reader over a byte array that keeps positions instead of building values. The
 * tracker interprets a handful of fields and forwards offers and answers untouched, so all it needs
 * of everything else is "well-formed, and where does it end". Accepts exactly what Jackson's default
 * parser accepts (RFC 8259, nesting ≤ {@value #MAX_DEPTH}, numbers ≤ {@value #MAX_NUMBER_CHARS}
 * characters); anything else throws {@link Malformed}. Strings are expected to be valid UTF-8 (the
 * tracker handler has checked the whole message with {@link Utf8Check}).
 */
final class JsonScanner {
  static final int MAX_DEPTH = 1000;
  static final int MAX_NUMBER_CHARS = 1000;
  static final int NUMBER_INT = 1;
  static final int NUMBER_FLOAT = 2;

  /** Thrown for malformed input; carries no stack trace (clients can send garbage at line rate). */
  static final class Malformed extends RuntimeException {
    static final Malformed INSTANCE = new Malformed();

    private Malformed() {
      super("malformed JSON", null, false, false);
    }
  }

  private byte[] b;
  private int end;
  /** The next unread byte. */
  int pos;
  /** Extent of the last number token, for {@link #longValue} and {@link #doubleValue}. */
  private int numberStart;
  private int numberEnd;

  void reset(byte[] bytes, int start, int end) {
    this.b = bytes;
    this.pos = start;
    this.end = end;
  }

  byte[] bytes() {
    return b;
  }

  static Malformed malformed() {
    return Malformed.INSTANCE;
  }

  /** Skips whitespace; returns the next byte (0..255) without consuming it, or -1 at the end. */
  int peek() {
    while (pos < end) {
      int c = b[pos] & 0xFF;
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return c;
      }
      pos++;
    }
    return -1;
  }

  void expect(char c) {
    if (peek() != c) {
      throw malformed();
    }
    pos++;
  }

  /** After a member or element: true if a comma follows (consumed), false at {@code close} (consumed). */
  boolean more(char close) {
    int c = peek();
    pos++;
    if (c == ',') {
      return true;
    }
    if (c == close) {
      return false;
    }
    throw malformed();
  }

  /** At '[' or '{': consumes it and the whitespace after; true if the container is empty (close consumed). */
  boolean open(char close) {
    pos++;
    if (peek() == close) {
      pos++;
      return true;
    }
    return false;
  }

  /** Skips one value whose containers would sit at nesting level {@code depth}. */
  void skipValue(int depth) {
    int c = peek();
    switch (c) {
      case '{' -> skipObject(depth);
      case '[' -> skipArray(depth);
      case '"' -> skipString();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          number();
        } else {
          throw malformed();
        }
      }
    }
  }

  private void skipObject(int depth) {
    if (depth > MAX_DEPTH) {
      throw malformed();
    }
    if (open('}')) {
      return;
    }
    do {
      if (peek() != '"') {
        throw malformed();
      }
      skipString();
      expect(':');
      skipValue(depth + 1);
    } while (more('}'));
  }

  private void skipArray(int depth) {
    if (depth > MAX_DEPTH) {
      throw malformed();
    }
    if (open(']')) {
      return;
    }
    do {
      skipValue(depth + 1);
    } while (more(']'));
  }

  private void literal(String word) {
    int n = word.length();
    if (end - pos < n) {
      throw malformed();
    }
    for (int i = 0; i < n; i++) {
      if (b[pos + i] != word.charAt(i)) {
        throw malformed();
      }
    }
    pos += n;
  }

  /**
   * Skips the string at {@code pos} (on its opening quote), checking escapes and control characters.
   * Returns true if it contained an escape (its bytes are then not its text).
   */
  boolean skipString() {
    pos++;
    boolean escaped = false;
    byte[] b = this.b;
    int p = pos;
    int end = this.end;
    while (true) {
      // Offers are ~500-byte SDP strings: runs of plain bytes are skipped eight at a time, stopping
      // at the first quote, backslash or control byte (UTF-8 was checked before parsing).
      while (end - p >= 8) {
        long w = (long) LONGS.get(b, p);
        long special = zeroBytes(w ^ QUOTES) | zeroBytes(w ^ BACKSLASHES) | ((w - SPACES) & ~w & HIGH_BITS);
        if (special != 0) {
          p += Long.numberOfTrailingZeros(special) >>> 3;
          break;
        }
        p += 8;
      }
      if (p >= end) {
        throw malformed();
      }
      int c = b[p++];
      if (c == '"') {
        pos = p;
        return escaped;
      }
      if (c == '\\') {
        escaped = true;
        pos = p;
        escape();
        p = pos;
      } else if (c >= 0 && c < 0x20) {
        throw malformed();
      }
    }
  }

  /**
   * High bit set in the lowest zero byte of {@code x} (higher ones may be flagged falsely after a
   * true one, which is why only the lowest flagged byte is used).
   */
  private static long zeroBytes(long x) {
    return (x - LOW_BITS) & ~x & HIGH_BITS;
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long LOW_BITS = 0x0101_0101_0101_0101L;
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
  private static final long QUOTES = LOW_BITS * '"';
  private static final long BACKSLASHES = LOW_BITS * '\\';
  private static final long SPACES = LOW_BITS * ' ';

  /** After a backslash: consumes the escape and returns the character it stands for. */
  private int escape() {
    if (pos >= end) {
      throw malformed();
    }
    int c = b[pos++];
    switch (c) {
      case '"', '\\', '/': return c;
      case 'b': return '\b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'u': {
        if (end - pos < 4) {
          throw malformed();
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
          int d = Character.digit(b[pos++], 16);
          if (d < 0) {
            throw malformed();
          }
          v = (v << 4) | d;
        }
        return v;
      }
      default: throw malformed();
    }
  }

  /**
   * Reads the string at {@code pos} as a wire id into {@code out[off..off+20)}: true if it is exactly
   * 20 characters, all ≤ U+00FF. The string is consumed and validated either way.
   */
  boolean readId(byte[] out, int off) {
    pos++;
    int n = 0;
    boolean latin1 = true;
    while (true) {
      if (pos >= end) {
        throw malformed();
      }
      int c = b[pos++] & 0xFF;
      if (c == '"') {
        return latin1 && n == WireId.LENGTH;
      }
      if (c == '\\') {
        c = escape();
      } else if (c < 0x20) {
        throw malformed();
      } else if (c >= 0x80) {
        c = utf8(c);
      }
      if (c > 0xFF) {
        latin1 = false;
      } else if (n < WireId.LENGTH) {
        out[off + n] = (byte) c;
      }
      n++;
    }
  }

  /** The code point of a UTF-8 sequence whose lead byte was just read (a UTF-16 count is not needed: ids are latin-1). */
  private int utf8(int lead) {
    int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : -1;
    if (extra < 0 || end - pos < extra) {
      throw malformed();
    }
    int v = lead & (0x3F >> extra);
    for (int i = 0; i < extra; i++) {
      int c = b[pos++] & 0xFF;
      if ((c & 0xC0) != 0x80) {
        throw malformed();
      }
      v = (v << 6) | (c & 0x3F);
    }
    if (extra == 1 && v < 0x80) {
      throw malformed(); // overlong
    }
    return v;
  }

  /** The string at {@code pos} decoded (rare paths only: keys with escapes, unusual actions). */
  String readString() {
    int start = pos + 1;
    boolean escaped = skipString();
    if (!escaped) {
      return new String(b, start, pos - 1 - start, StandardCharsets.UTF_8);
    }
    StringBuilder sb = new StringBuilder();
    int p = start;
    int stop = pos - 1;
    int saved = pos;
    while (p < stop) {
      int c = b[p] & 0xFF;
      if (c == '\\') {
        pos = p + 1;
        sb.append((char) escape());
        p = pos;
      } else {
        int len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        sb.append(new String(b, p, len, StandardCharsets.UTF_8));
        p += len;
      }
    }
    pos = saved;
    return sb.toString();
  }

  /** True if the string at {@code pos}, consumed, is exactly the ASCII {@code word} with no escapes. */
  boolean readExactly(byte[] word) {
    int start = pos + 1;
    boolean escaped = skipString();
    int len = pos - 1 - start;
    return !escaped && len == word.length
        && java.util.Arrays.equals(b, start, start + len, word, 0, word.length);
  }

  /** Scans the number at {@code pos}; returns {@link #NUMBER_INT} or {@link #NUMBER_FLOAT}. */
  int number() {
    int start = pos;
    boolean isFloat = false;
    if (pos < end && b[pos] == '-') {
      pos++;
    }
    if (pos >= end) {
      throw malformed();
    }
    if (b[pos] == '0') {
      pos++;
      if (pos < end && isDigit(b[pos])) {
        throw malformed(); // leading zero
      }
    } else {
      digits();
    }
    if (pos < end && b[pos] == '.') {
      pos++;
      isFloat = true;
      digits();
    }
    if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
      pos++;
      isFloat = true;
      if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
        pos++;
      }
      digits();
    }
    if (pos - start > MAX_NUMBER_CHARS) {
      throw malformed();
    }
    numberStart = start;
    numberEnd = pos;
    return isFloat ? NUMBER_FLOAT : NUMBER_INT;
  }

  private void digits() {
    int start = pos;
    while (pos < end && isDigit(b[pos])) {
      pos++;
    }
    if (pos == start) {
      throw malformed();
    }
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  /** The last integer token; {@link Malformed} if it does not fit a long (as Jackson's getLongValue fails). */
  long longValue() {
    int p = numberStart;
    boolean negative = b[p] == '-';
    if (negative) {
      p++;
    }
    long v = 0;
    for (; p < numberEnd; p++) {
      int d = b[p] - '0';
      // Accumulate negatively so that Long.MIN_VALUE fits.
      if (v < (Long.MIN_VALUE + d) / 10) {
        throw malformed();
      }
      v = v * 10 - d;
    }
    if (!negative) {
      if (v == Long.MIN_VALUE) {
        throw malformed();
      }
      v = -v;
    }
    return v;
  }

  /** The last number token as a double. */
  double doubleValue() {
    return Double.parseDouble(new String(b, numberStart, numberEnd - numberStart, StandardCharsets.ISO_8859_1));
  }
}
