package org.ownerless.ingest.transcode;

import java.util.Map;

/**
 * One block of ffmpeg's {@code -progress} output: how far the encoder got and how fast relative to
 * real time (speed below 1.0 means the ladder cannot keep up with the publisher).
 */
public record Progress(long frame, double fps, long outTimeUs, double speed) {
  public static final Progress NONE = new Progress(0, 0, 0, 0);

  static Progress from(Map<String, String> block) {
    return new Progress(parseLong(block.get("frame")), parseDouble(block.get("fps")),
        parseLong(block.get("out_time_us")), parseDouble(stripSuffix(block.get("speed"))));
  }

  private static String stripSuffix(String speed) {
    return speed != null && speed.endsWith("x") ? speed.substring(0, speed.length() - 1) : speed;
  }

  private static long parseLong(String s) {
    try {
      return s == null ? 0 : Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0; // "N/A" before the first frame
    }
  }

  private static double parseDouble(String s) {
    try {
      return s == null ? 0 : Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
