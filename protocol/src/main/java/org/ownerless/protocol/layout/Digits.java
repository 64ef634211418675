package org.ownerless.protocol.layout;

import java.util.Locale;

/**
 * Zero-padded decimal numbers for playlist durations and segment names. String.format would do,
 * but it builds a Formatter and looks up locale symbols on every call, and these run for every
 * playlist entry on the path from "segment complete" to "manifest published".
 */
public final class Digits {
  private Digits() {}

  /** {@code value} in decimal, left-padded with zeros to at least {@code width} digits. */
  public static String zeroPadded(long value, int width) {
    if (value < 0) {
      return String.format(Locale.ROOT, "%0" + width + "d", value); // never on the hot path
    }
    String digits = Long.toString(value);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }
}
