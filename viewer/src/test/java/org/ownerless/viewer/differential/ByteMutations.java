package org.ownerless.viewer.differential;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Damage below JSON: what a broken disk, a truncating proxy or a re-encoding server does to bytes.
 * Every operation is seeded, so a case can be rebuilt from the fuzzer's seed.
 */
final class ByteMutations {
  /** Bytes that steer a JSON parser or a UTF-8 decoder somewhere interesting. */
  private static final byte[] INTERESTING = {'"', '\\', '{', '}', '[', ']', ',', ':', '0', '-', 'e', '.', ' ', 0,
      (byte) 0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC1, (byte) 0xE0, (byte) 0xED, (byte) 0xF0,
      (byte) 0xF4, (byte) 0xF5, (byte) 0xFE, (byte) 0xFF};

  private final Random random;

  ByteMutations(Random random) {
    this.random = random;
  }

  /** One to four random edits: flipped bits, replaced, inserted or deleted bytes, copied spans, a cut. */
  byte[] damage(byte[] input) {
    byte[] b = input;
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      b = edit(b);
    }
    return b;
  }

  private byte[] edit(byte[] b) {
    if (b.length == 0) {
      return new byte[] {pick()};
    }
    int at = random.nextInt(b.length);
    switch (random.nextInt(7)) {
      case 0 -> {
        byte[] c = b.clone();
        c[at] ^= (byte) (1 << random.nextInt(8));
        return c;
      }
      case 1 -> {
        byte[] c = b.clone();
        c[at] = pick();
        return c;
      }
      case 2 -> {
        return splice(b, at, at, new byte[] {pick()});
      }
      case 3 -> {
        return splice(b, at, Math.min(b.length, at + 1 + random.nextInt(8)), new byte[0]);
      }
      case 4 -> {
        int from = random.nextInt(b.length);
        int len = Math.min(b.length - from, 1 + random.nextInt(64));
        return splice(b, at, at, Arrays.copyOfRange(b, from, from + len));
      }
      case 5 -> {
        return Arrays.copyOf(b, at);
      }
      default -> {
        return splice(b, at, at, new byte[] {' ', '\n'});
      }
    }
  }

  /** The same text in another encoding, or with an invalid UTF-8 spelling of one of its characters. */
  byte[] reencode(byte[] utf8) {
    String text = new String(utf8, StandardCharsets.UTF_8);
    switch (random.nextInt(7)) {
      case 0 -> {
        return text.getBytes(StandardCharsets.UTF_16LE);
      }
      case 1 -> {
        return text.getBytes(StandardCharsets.UTF_16); // big-endian with a byte order mark
      }
      case 2 -> {
        return text.getBytes(Charset.forName("UTF-32"));
      }
      case 3 -> {
        return splice(utf8, 0, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
      case 4 -> {
        return overlong(utf8);
      }
      case 5 -> {
        // A lone UTF-16 surrogate spelled in UTF-8 (CESU style) inside a string value.
        int quote = indexOf(utf8, (byte) '"', random.nextInt(utf8.length));
        return quote < 0 ? utf8 : splice(utf8, quote + 1, quote + 1, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
      }
      default -> {
        return splice(utf8, utf8.length, utf8.length, new byte[] {0, 0});
      }
    }
  }

  /** One ASCII byte rewritten as its two-byte overlong form (0xC0 0x80|c or 0xC1 …), which decodes to it leniently. */
  private byte[] overlong(byte[] utf8) {
    int at = random.nextInt(utf8.length);
    int c = utf8[at] & 0xFF;
    if (c >= 0x80) {
      return utf8;
    }
    return splice(utf8, at, at + 1, new byte[] {(byte) (0xC0 | (c >> 6)), (byte) (0x80 | (c & 0x3F))});
  }

  private byte pick() {
    return random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) random.nextInt(256);
  }

  private static int indexOf(byte[] b, byte value, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + insert.length);
    out.write(b, 0, from);
    out.writeBytes(insert);
    out.write(b, to, b.length - to);
    return out.toByteArray();
  }
}
