package org.ownerless.origin.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a media playlist that a verifier compares with the signed manifest: media sequence,
 * segment URIs, EXTINF durations (to the microsecond), discontinuities, ENDLIST. Strict: anything
 * it cannot read exactly is an error rather than a guess.
 */
public record MediaPlaylistText(long mediaSequence, List<Item> items, boolean ended) {
  public record Item(long index, String uri, long durationUs, boolean discontinuity) {}

  public static MediaPlaylistText parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    String[] lines = text.split("\r?\n");
    if (lines.length == 0 || !lines[0].equals("#EXTM3U")) {
      throw new IllegalArgumentException("not an M3U8 playlist (no #EXTM3U)");
    }
    long sequence = 0;
    boolean sawSequence = false;
    boolean ended = false;
    boolean discontinuity = false;
    Long duration = null;
    List<Item> items = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
        // RFC 8216 §4.3.3.2: once, before the first segment; later, it would renumber segments already read.
        if (sawSequence || !items.isEmpty()) {
          throw new IllegalArgumentException("EXT-X-MEDIA-SEQUENCE repeated or after the first segment");
        }
        sawSequence = true;
        sequence = mediaSequence(line.substring(22));
      } else if (line.equals("#EXT-X-DISCONTINUITY")) {
        discontinuity = true;
      } else if (line.equals("#EXT-X-ENDLIST")) {
        ended = true;
      } else if (line.startsWith("#EXTINF:")) {
        String value = line.substring(8);
        int comma = value.indexOf(',');
        duration = micros(comma >= 0 ? value.substring(0, comma) : value);
      } else if (line.startsWith("#")) {
        continue; // other tags do not affect what is verified
      } else {
        if (duration == null) {
          throw new IllegalArgumentException("segment " + shortened(line) + " has no #EXTINF");
        }
        items.add(new Item(sequence + items.size(), line, duration, discontinuity));
        duration = null;
        discontinuity = false;
      }
    }
    return new MediaPlaylistText(sequence, items, ended);
  }

  /**
   * EXT-X-MEDIA-SEQUENCE: a decimal-integer (RFC 8216 §4.2) of at most 18 digits, so that it and every
   * segment number after it fit a long. Read here rather than by Long.parseLong, whose
   * NumberFormatException would quote the whole line and accept a sign.
   */
  static long mediaSequence(String value) {
    if (value.isEmpty() || value.length() > 18 || !digits(value)) {
      throw new IllegalArgumentException("EXT-X-MEDIA-SEQUENCE '" + shortened(value) + "' is not a decimal integer");
    }
    return Long.parseLong(value);
  }

  /** Longest EXTINF value read: 12 integer digits, a point and 9 decimals (any longer cannot be exact here). */
  static final int MAX_DURATION_CHARS = 22;

  /**
   * Seconds in decimal notation to whole microseconds, in time linear in a value that is at most
   * {@link #MAX_DURATION_CHARS} long: a hostile playlist's million-digit EXTINF is refused at once
   * instead of being handed to a big-number parser.
   */
  static long micros(String seconds) {
    String s = seconds.trim();
    int point = s.indexOf('.');
    String whole = point < 0 ? s : s.substring(0, point);
    String fraction = point < 0 ? "" : s.substring(point + 1);
    if (s.length() > MAX_DURATION_CHARS || whole.isEmpty() || whole.length() > 12 || !digits(whole)
        || point >= 0 && (fraction.isEmpty() || !digits(fraction))) {
      throw new IllegalArgumentException("EXTINF duration '" + shortened(s) + "' is not a number of seconds");
    }
    for (int i = 6; i < fraction.length(); i++) {
      if (fraction.charAt(i) != '0') {
        throw new IllegalArgumentException("EXTINF duration '" + s + "' is not a whole number of microseconds");
      }
    }
    String micros = (fraction + "000000").substring(0, 6);
    return Long.parseLong(whole) * 1_000_000L + Long.parseLong(micros);
  }

  private static boolean digits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String shortened(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "… (" + s.length() + " characters)";
  }
}
