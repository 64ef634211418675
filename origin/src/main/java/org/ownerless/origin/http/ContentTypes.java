package org.ownerless.origin.http;

import java.util.Locale;
import java.util.Map;

/**
 * Content-Type by file extension. Players are picky (hls.js and Safari check the playlist type), and
 * an unknown extension must not be sniffed into something executable, hence octet-stream.
 */
public final class ContentTypes {
  public static final String OCTET_STREAM = "application/octet-stream";

  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("m3u8", "application/vnd.apple.mpegurl"),
      Map.entry("ts", "video/mp2t"),
      Map.entry("json", "application/json"),
      Map.entry("m4s", "video/iso.segment"),
      Map.entry("mp4", "video/mp4"),
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("js", "text/javascript"),
      Map.entry("css", "text/css"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"));

  private ContentTypes() {}

  public static String forFileName(String name) {
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return OCTET_STREAM;
    }
    return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), OCTET_STREAM);
  }
}
