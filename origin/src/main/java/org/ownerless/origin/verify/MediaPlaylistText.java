package org.ownerless.origin.verify;

import java.math.BigDecimal;
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
        sequence = Long.parseLong(line.substring(22));
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
          throw new IllegalArgumentException("segment " + line + " has no #EXTINF");
        }
        items.add(new Item(sequence + items.size(), line, duration, discontinuity));
        duration = null;
        discontinuity = false;
      }
    }
    return new MediaPlaylistText(sequence, items, ended);
  }

  private static long micros(String seconds) {
    try {
      return new BigDecimal(seconds.trim()).movePointRight(6).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("EXTINF duration '" + seconds + "' is not a whole number of microseconds");
    }
  }
}
