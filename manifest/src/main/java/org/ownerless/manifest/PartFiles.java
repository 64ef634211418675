package org.ownerless.manifest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The part files of one rendition directory and when they go. A part stays until the segment
 * {@value #KEPT_SEGMENTS} positions after its own is published — about that many segment lengths
 * after it was last listed — not just until its own segment is: a client that read a root listing
 * it is still fetching it a part or two later (LL-HLS asks servers to keep parts for three target
 * durations), while counting segments needs no timer and no clock. Parts do not wait for the
 * segment to leave the window: a window (and a no-retention archive) holds minutes of segments,
 * and nothing lists a part once its segment is in the log.
 */
final class PartFiles {
  static final int KEPT_SEGMENTS = 3;
  /** The part files of the roots of a previous process: nothing lists them any more. */
  private static final String ANY_PART = "seg-*-*-p*.m4s";

  private record Written(long position, Path file) {}

  private final Path dir;
  private final Deque<Written> written = new ArrayDeque<>();

  PartFiles(Path dir) {
    this.dir = dir;
  }

  /** Deletes the part files a previous process left (call before anything is written). */
  void deleteLeftovers() throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ANY_PART)) {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    }
  }

  /** A part of the segment at {@code position} was written as {@code file}. */
  void written(long position, Path file) {
    written.addLast(new Written(position, file));
  }

  /** The segment at {@code position} was published: parts of segments {@value #KEPT_SEGMENTS} before it go. */
  void segmentPublished(long position) throws IOException {
    while (!written.isEmpty() && written.peekFirst().position() <= position - KEPT_SEGMENTS) {
      Files.deleteIfExists(written.removeFirst().file());
    }
  }
}
