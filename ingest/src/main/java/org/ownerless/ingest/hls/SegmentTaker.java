package org.ownerless.ingest.hls;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Takes a listed file out of the packager's reach before its cleanup deletes it: a hard link (no copy,
 * the packager's name stays untouched) or, across file systems, a copy. Never a move: the packager
 * (and whoever else serves its tree) still owns its file.
 */
final class SegmentTaker {
  private SegmentTaker() {}

  /**
   * @throws NoSuchFileException the packager deleted it already
   * @throws SegmentTooLargeException it is larger than {@code maxBytes}
   */
  static void take(Path source, Path target, long maxBytes) throws IOException {
    long size = Files.size(source);
    if (size > maxBytes) {
      throw new SegmentTooLargeException(source.getFileName() + " has " + size + " bytes, more than " + maxBytes);
    }
    Files.deleteIfExists(target);
    try {
      Files.createLink(target, source);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (FileSystemException | UnsupportedOperationException e) {
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING); // another file system: EXDEV
      if (Files.size(target) > maxBytes) {
        Files.delete(target); // grew while copied
        throw new SegmentTooLargeException(source.getFileName() + " grew beyond " + maxBytes + " bytes");
      }
    }
  }

  static final class SegmentTooLargeException extends IOException {
    SegmentTooLargeException(String message) {
      super(message);
    }
  }
}
