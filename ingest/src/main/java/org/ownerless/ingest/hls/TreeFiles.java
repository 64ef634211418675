package org.ownerless.ingest.hls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the packager's tree: bounded playlist reads and URIs that cannot leave the tree. */
final class TreeFiles {
  private TreeFiles() {}

  /** The playlist's text, or an error if it is larger than {@link HlsLimits#MAX_PLAYLIST_BYTES}. */
  static String readPlaylist(Path file) throws IOException, PlaylistException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(HlsLimits.MAX_PLAYLIST_BYTES + 1);
      if (bytes.length > HlsLimits.MAX_PLAYLIST_BYTES) {
        throw new PlaylistException(file.getFileName() + " is larger than " + HlsLimits.MAX_PLAYLIST_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /**
   * A URI from a playlist in {@code dir}, as a file below {@code root}. Only relative paths: a packager
   * writing to disk names its own files, and anything else (a URL, an absolute path, "..") would make
   * the node sign files it was not asked to follow.
   */
  static Path resolve(Path root, Path dir, String uri) throws PlaylistException {
    if (uri.contains("://") || uri.startsWith("/") || uri.contains("?") || uri.contains("#") || uri.contains("\\")) {
      throw new PlaylistException("URI " + Shown.of(uri) + " is not a relative file path");
    }
    Path p = dir.resolve(uri).normalize();
    if (!p.startsWith(root.normalize())) {
      throw new PlaylistException("URI " + Shown.of(uri) + " points outside " + root);
    }
    return p;
  }
}
