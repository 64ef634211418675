package org.ownerless.tracker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation of a whole text message (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF), as RFC 6455 requires of every text frame. It replaces Netty's
 * per-frame validator, which walks every byte through a state machine in a pipeline handler of
 * its own: tracker messages are mostly ASCII SDP, so eight bytes at a time are checked for a high
 * bit and only the rare multi-byte sequences are decoded, and the handler hop goes away.
 */
final class Utf8Check {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

  private Utf8Check() {}

  static boolean isValid(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      if (to - i >= 8 && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
        i += 8;
        continue;
      }
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int n = sequenceEnd(b, i, to);
      if (n < 0) {
        return false;
      }
      i = n;
    }
    return true;
  }

  /** The index after the multi-byte sequence whose lead byte is at {@code i}, or -1 if it is invalid. */
  private static int sequenceEnd(byte[] b, int i, int to) {
    int lead = b[i] & 0xFF;
    int extra;
    int min;
    if (lead >= 0xC2 && lead <= 0xDF) {
      extra = 1;
      min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      extra = 2;
      min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      extra = 3;
      min = 0x10000;
    } else {
      return -1; // a continuation byte, an overlong two-byte lead (C0, C1) or beyond U+10FFFF (F5..FF)
    }
    if (to - i <= extra) {
      return -1;
    }
    int v = lead & (0x3F >> extra);
    for (int k = 1; k <= extra; k++) {
      int c = b[i + k] & 0xFF;
      if ((c & 0xC0) != 0x80) {
        return -1;
      }
      v = (v << 6) | (c & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
      return -1;
    }
    return i + extra + 1;
  }
}
