package org.ownerless.ingest.hls;

import java.util.ArrayList;
import java.util.List;

/** A master playlist's variants (RFC 8216 §4.3.4.2), in the order the packager lists them. */
record MasterPlaylist(List<Variant> variants) {
  private static final String STREAM_INF = "#EXT-X-STREAM-INF:";

  /** True if {@code text} is a master playlist rather than a media playlist. */
  static boolean isMaster(String text) {
    return text.contains(STREAM_INF);
  }

  static MasterPlaylist parse(String text) throws PlaylistException {
    String[] lines = text.split("\r?\n", -1);
    if (lines.length == 0 || !lines[0].strip().equals("#EXTM3U")) {
      throw new PlaylistException("not a playlist: the first line is not #EXTM3U");
    }
    List<Variant> variants = new ArrayList<>();
    AttributeList pending = null;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith(STREAM_INF)) {
        pending = AttributeList.parse(line.substring(STREAM_INF.length()));
      } else if (!line.isEmpty() && !line.startsWith("#")) {
        if (pending == null) {
          throw new PlaylistException("variant " + Shown.of(line) + " without EXT-X-STREAM-INF");
        }
        if (variants.size() >= HlsLimits.MAX_RENDITIONS) {
          throw new PlaylistException("more than " + HlsLimits.MAX_RENDITIONS + " variants");
        }
        variants.add(variant(line, pending));
        pending = null;
      }
    }
    if (variants.isEmpty()) {
      throw new PlaylistException("a master playlist without variants");
    }
    return new MasterPlaylist(List.copyOf(variants));
  }

  private static Variant variant(String uri, AttributeList a) throws PlaylistException {
    int width = -1;
    int height = -1;
    String resolution = a.get("RESOLUTION");
    if (resolution != null) {
      String[] wh = resolution.split("x", -1);
      try {
        width = Integer.parseInt(wh[0]);
        height = Integer.parseInt(wh[1]);
      } catch (RuntimeException e) {
        throw new PlaylistException("RESOLUTION is not WIDTHxHEIGHT: " + Shown.of(resolution));
      }
      if (wh.length != 2 || width < 1 || width > 16384 || height < 1 || height > 16384) {
        throw new PlaylistException("RESOLUTION out of range: " + Shown.of(resolution));
      }
    }
    return new Variant(uri, a.number("BANDWIDTH", 100_000_000_000L), width, height, a.get("CODECS"));
  }
}
