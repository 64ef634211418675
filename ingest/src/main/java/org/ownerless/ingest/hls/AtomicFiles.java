package org.ownerless.ingest.hls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Publishing files so that no reader (our origin, nginx, a sync tool) ever sees a partial one:
 * write beside the target, then rename over it, which POSIX makes atomic within a file system.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void writeString(Path target, String content) throws IOException {
    write(target, content.getBytes(StandardCharsets.UTF_8));
  }

  public static void write(Path target, byte[] content) throws IOException {
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      Files.write(temp, content);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Publishes the same content under {@code extra} and then {@code target}, writing it once: the
   * file is written beside {@code target}, hard-linked into place as {@code extra} (through a
   * link beside it and a rename, so that name appears atomically too), then renamed to
   * {@code target}. Both names must be on one file system; otherwise the content is written twice.
   */
  public static void writeLinked(Path extra, Path target, byte[] content) throws IOException {
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Files.createDirectories(extra.getParent());
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      Files.write(temp, content);
      Path link = extra.resolveSibling("." + extra.getFileName() + "." + temp.getFileName() + ".lnk");
      try {
        Files.createLink(link, temp);
        Files.move(link, extra, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
        Files.deleteIfExists(link);
        write(extra, content);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Moves a finished file into place; falls back to copy-then-rename across file systems. */
  public static void moveInto(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      try {
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(source);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }
}
