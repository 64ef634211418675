package org.ownerless.app.demo;

import java.util.OptionalLong;

/**
 * Reads a {@link ClockCode} stripe from the top rows of a decoded grey frame, the way the benchmark's
 * browser reader does: the centre of every cell, each row's bit by brightness, and no answer when the
 * lower row is not the exact complement of the upper one.
 */
final class ClockStripeReader {
  private ClockStripeReader() {}

  /** Rows of the frame the stripe occupies (from the top), for cropping before reading. */
  static int rowsNeeded(int width) {
    return (int) Math.ceil(width * (ClockCode.FIRST_ROW + 2.25) / ClockCode.CELLS_ACROSS);
  }

  /** The stamp (epoch ms mod 2^32) in {@code gray}, {@code width} bytes per row, or empty if unreadable. */
  static OptionalLong read(byte[] gray, int offset, int width) {
    double cell = (double) width / ClockCode.CELLS_ACROSS;
    long code = 0;
    for (int i = 0; i < ClockCode.BITS; i++) {
      int x = (int) (cell * (ClockCode.FIRST_COLUMN + i + 0.5));
      boolean upper = brightness(gray, offset, width, x, (int) (cell * (ClockCode.FIRST_ROW + 0.5))) > 128;
      boolean lower = brightness(gray, offset, width, x, (int) (cell * (ClockCode.FIRST_ROW + 1.5))) > 128;
      if (upper == lower) {
        return OptionalLong.empty();
      }
      if (upper) {
        code |= 1L << i;
      }
    }
    return OptionalLong.of(code);
  }

  /** The mean of the 3x3 pixels around (x, y): one ringing pixel of the encoder does not flip a bit. */
  private static int brightness(byte[] gray, int offset, int width, int x, int y) {
    int sum = 0;
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        sum += gray[offset + (y + dy) * width + x + dx] & 0xff;
      }
    }
    return sum / 9;
  }

  /** The full epoch milliseconds of {@code code}, the latest such time not after {@code nowMillis}. */
  static long stampBefore(long code, long nowMillis) {
    long age = Math.floorMod(nowMillis - code, 1L << 32);
    return nowMillis - age;
  }
}
