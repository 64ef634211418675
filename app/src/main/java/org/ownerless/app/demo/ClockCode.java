package org.ownerless.app.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A wall clock a machine can read back from the picture: the epoch milliseconds at which ffmpeg took
 * each frame, drawn by ffmpeg itself as a stripe of black and white blocks at the top of the frame. A
 * benchmark reads it from the frame a viewer presents and subtracts it from its own clock (same machine):
 * that is glass-to-glass latency, encoder and RTMP hop and segmenting included.
 *
 * <p>The code: bit i of (epoch ms mod 2^32) is block i of the upper row, white for 1; the lower row holds
 * the complement, so a reader rejects a frame whose rows disagree (a blurred, half-decoded or covered
 * stripe) instead of reading a wrong time. Everything is measured in cells of width/36 px, square, so the
 * stripe scales with any rendition: at 854x480 a block is 19 px, at 240p still 9 px. The bench's readers
 * (bench/viewers-js/clock-stripe.mjs; the layout in clock-stripe.json beside it, held to these constants
 * by ClockStripeLayoutTest) sample the centres of these cells.
 *
 * <p>The stamp is taken by {@code setpts} from the real-time clock when the frame enters the filter graph
 * (with {@code -re}: when the frame is due), in a 1 ms time base; the frames then get regular timestamps
 * again for the encoder. (ffmpeg's {@code -use_wallclock_as_timestamps} on the lavfi input would also stamp
 * frames, but combined with {@code -re} it halves the frame rate on ffmpeg 5.1, and it is quantised to the
 * 1/30 s stream time base.) No font needed, unlike the drawtext clock.
 */
public final class ClockCode {
  public static final int BITS = 32;
  /** The frame is this many cells wide; bit i's block sits in cell column {@code FIRST_COLUMN + i}. */
  public static final int CELLS_ACROSS = 36;
  public static final int FIRST_COLUMN = 2;
  /** Top of the upper row, in cells; the lower row is one cell further down. */
  public static final double FIRST_ROW = 0.75;
  /** Blocks leave a tenth of a cell on each side, so neighbours do not bleed into each other's centre. */
  private static final double BLOCK = 0.8;

  private ClockCode() {}

  /** The filter chain for a {@code fps} frames/s source: stamp, stripe, then regular timestamps again. */
  public static String filter(int fps) {
    List<String> chain = new ArrayList<>();
    chain.add("settb=1/1000");
    chain.add("setpts=RTCTIME/1000");
    // A black bar a quarter of a cell wider than the blocks on every side: a clean background under any picture.
    chain.add(box(FIRST_COLUMN - 0.5, FIRST_ROW - 0.25, BITS + 1, 2.5, "black", null));
    for (int i = 0; i < BITS; i++) {
      String bit = "mod(floor((t*1000+0.5)/" + (1L << i) + ")\\,2)";
      double x = FIRST_COLUMN + i + (1 - BLOCK) / 2;
      chain.add(box(x, FIRST_ROW + (1 - BLOCK) / 2, BLOCK, BLOCK, "white", "eq(" + bit + "\\,1)"));
      chain.add(box(x, FIRST_ROW + 1 + (1 - BLOCK) / 2, BLOCK, BLOCK, "white", "eq(" + bit + "\\,0)"));
    }
    chain.add("setpts=N/(" + fps + "*TB)");
    return String.join(",", chain);
  }

  /** A filled box; position and size in cells, turned into pixels of the frame by ffmpeg ({@code iw}). */
  private static String box(double x, double y, double w, double h, String color, String enable) {
    String s = "drawbox=x=" + px(x) + ":y=" + px(y) + ":w=" + px(w) + ":h=" + px(h) + ":color=" + color + ":t=fill";
    return enable == null ? s : s + ":enable=" + enable;
  }

  private static String px(double cells) {
    return "iw*" + Math.round(cells * 1000) + "/" + (CELLS_ACROSS * 1000);
  }
}
