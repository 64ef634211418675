package org.ownerless.ingest.hls;

import java.util.ArrayList;
import java.util.List;

/**
 * A media playlist as another packager wrote it, parsed strictly for the tags the follower needs
 * (RFC 8216 §4.3): target duration, media sequence, EXTINF, discontinuities, EXT-X-MAP and ENDLIST.
 * Other tags are ignored; a malformed tag the follower relies on is an error, never a guess.
 */
record MediaPlaylist(double targetSeconds, long firstSequence, List<ListedSegment> segments, boolean ended) {
  private static final String EXTINF = "#EXTINF:";

  static MediaPlaylist parse(String text) throws PlaylistException {
    String[] lines = text.split("\r?\n", -1);
    if (lines.length == 0 || !lines[0].strip().equals("#EXTM3U")) {
      throw new PlaylistException("not a playlist: the first line is not #EXTM3U");
    }
    double target = -1;
    long sequence = 0;
    boolean ended = false;
    boolean discontinuity = false;
    String map = null;
    double pendingSeconds = -1;
    List<ListedSegment> segments = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#EXT-X-TARGETDURATION:")) {
        target = seconds(line.substring(line.indexOf(':') + 1), "EXT-X-TARGETDURATION");
      } else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
        if (!segments.isEmpty()) {
          throw new PlaylistException("EXT-X-MEDIA-SEQUENCE after the first segment");
        }
        sequence = number(line.substring(line.indexOf(':') + 1), "EXT-X-MEDIA-SEQUENCE");
      } else if (line.equals("#EXT-X-DISCONTINUITY")) {
        discontinuity = true;
      } else if (line.startsWith("#EXT-X-MAP:")) {
        map = AttributeList.parse(line.substring(line.indexOf(':') + 1)).get("URI");
        if (map == null) {
          throw new PlaylistException("EXT-X-MAP without URI");
        }
      } else if (line.equals("#EXT-X-ENDLIST")) {
        ended = true;
      } else if (line.startsWith("#EXT-X-STREAM-INF")) {
        throw new PlaylistException("a master playlist where a media playlist was expected");
      } else if (line.startsWith(EXTINF)) {
        String value = line.substring(EXTINF.length());
        int comma = value.indexOf(',');
        pendingSeconds = seconds(comma < 0 ? value : value.substring(0, comma), "EXTINF");
      } else if (!line.startsWith("#")) {
        if (pendingSeconds < 0) {
          throw new PlaylistException("segment " + Shown.of(line) + " without EXTINF");
        }
        if (segments.size() >= HlsLimits.MAX_LISTED_SEGMENTS) {
          throw new PlaylistException("more than " + HlsLimits.MAX_LISTED_SEGMENTS + " segments listed");
        }
        segments.add(new ListedSegment(sequence + segments.size(), line, pendingSeconds, discontinuity, map));
        discontinuity = false;
        pendingSeconds = -1;
      }
    }
    if (target < 0) {
      throw new PlaylistException("no EXT-X-TARGETDURATION");
    }
    return new MediaPlaylist(target, sequence, List.copyOf(segments), ended);
  }

  /** The sequence number after the last listed segment. */
  long nextSequence() {
    return firstSequence + segments.size();
  }

  private static double seconds(String text, String tag) throws PlaylistException {
    try {
      double s = Double.parseDouble(text.strip());
      if (!(s >= 0 && s <= HlsLimits.MAX_SEGMENT_SECONDS)) {
        throw new PlaylistException(tag + " out of range: " + Shown.of(text));
      }
      return s;
    } catch (NumberFormatException e) {
      throw new PlaylistException(tag + " is not a number: " + Shown.of(text));
    }
  }

  private static long number(String text, String tag) throws PlaylistException {
    try {
      long n = Long.parseLong(text.strip());
      if (n < 0) {
        throw new PlaylistException(tag + " is negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new PlaylistException(tag + " is not a number: " + Shown.of(text));
    }
  }
}
