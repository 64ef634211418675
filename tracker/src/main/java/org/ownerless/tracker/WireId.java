package org.ownerless.tracker;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * An info_hash or peer_id as a map key: the 20 latin-1 characters WebTorrent clients send, packed
 * into two longs and an int. About 32 bytes instead of a String and its array (~64), hashed once,
 * and comparable so that a HashMap fed colliding ids by a hostile client degrades to a tree, not a list.
 */
final class WireId implements Comparable<WireId> {
  static final int LENGTH = 20;
  private final long high;
  private final long middle;
  private final int low;
  private final int hash;

  WireId(long high, long middle, int low) {
    this.high = high;
    this.middle = middle;
    this.low = low;
    long h = (high * 0x9E3779B97F4A7C15L) ^ (middle * 0xC2B2AE3D27D4EB4FL) ^ low;
    this.hash = (int) (h ^ (h >>> 32));
  }

  /** From 20 bytes, one per character. */
  static WireId of(byte[] b, int off) {
    return new WireId(longAt(b, off), longAt(b, off + 8), (int) (longAt(b, off + 12) & 0xFFFFFFFFL));
  }

  /** From a String id, or null when it is not 20 characters all ≤ U+00FF. */
  static WireId of(String id) {
    if (!valid(id)) {
      return null;
    }
    return of(id.getBytes(StandardCharsets.ISO_8859_1), 0);
  }

  static boolean valid(String id) {
    if (id == null || id.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      if (id.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  static long longAt(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }

  long high() {
    return high;
  }

  long middle() {
    return middle;
  }

  int low() {
    return low;
  }

  /** Character {@code i} (0..19) as a code point 0..255. */
  static int charAt(long high, long middle, int low, int i) {
    if (i < 8) {
      return (int) (high >>> (56 - 8 * i)) & 0xFF;
    }
    if (i < 16) {
      return (int) (middle >>> (56 - 8 * (i - 8))) & 0xFF;
    }
    return (low >>> (24 - 8 * (i - 16))) & 0xFF;
  }

  /** As a JSON string literal, UTF-8 encoded, escaped exactly as {@link JsonOut} escapes. */
  void writeJson(ByteBuf out) {
    writeJson(out, high, middle, low);
  }

  static void writeJson(ByteBuf out, long high, long middle, int low) {
    // Encoded into a small array, then one write: every relayed message carries three ids.
    byte[] json = new byte[2 + LENGTH * JsonBytes.MAX_CHAR_BYTES];
    json[0] = '"';
    int n = 1;
    for (int i = 0; i < LENGTH; i++) {
      n = JsonBytes.putChar(json, n, charAt(high, middle, low, i));
    }
    json[n++] = '"';
    out.writeBytes(json, 0, n);
  }

  @Override
  public String toString() {
    byte[] b = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      b[i] = (byte) charAt(high, middle, low, i);
    }
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WireId w && w.high == high && w.middle == middle && w.low == low;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(WireId o) {
    int c = Long.compare(high, o.high);
    if (c == 0) {
      c = Long.compare(middle, o.middle);
    }
    return c != 0 ? c : Integer.compare(low, o.low);
  }
}
