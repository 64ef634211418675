package org.ownerless.protocol.model;

import java.util.regex.Pattern;

/**
 * The spelling rules for names that end up in URLs and file paths. They are deliberately narrow:
 * a name that passes can be used as a path segment anywhere without escaping, and can never be
 * "." or ".." or contain a separator.
 */
public final class Names {
  /** Stream names: the NAME in /streams/PUB/NAME/ and in the RTMP stream key. */
  public static final Pattern STREAM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  /** Rendition names such as src, 720p. */
  public static final Pattern RENDITION = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  /** Segment file names listed in playlists and manifests, e.g. seg-000042.ts. */
  public static final Pattern SEGMENT_URI = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,100}(\\.[A-Za-z0-9]{1,8})?");

  public static final String STREAM_RULE = "1-64 characters of A-Z a-z 0-9 _ -, starting with a letter or digit";
  public static final String RENDITION_RULE = "1-32 characters of a-z 0-9 _ -, starting with a letter or digit";
  public static final String SEGMENT_URI_RULE = "a plain file name (letters, digits, _ -, one extension)";

  private Names() {}

  public static boolean isStreamName(String s) {
    return s != null && STREAM.matcher(s).matches();
  }

  public static boolean isRenditionName(String s) {
    return s != null && RENDITION.matcher(s).matches();
  }

  public static boolean isSegmentUri(String s) {
    return s != null && SEGMENT_URI.matcher(s).matches();
  }
}
