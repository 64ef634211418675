package org.ownerless.ingest.hls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishing files so that no reader (our origin, nginx, a sync tool) ever sees a partial one:
 * write beside the target, then rename over it, which POSIX makes atomic within a file system.
 */
public final class AtomicFiles {
  /** Temp files are owner-only, as {@link Files#createTempFile} makes them; the rename keeps that. */
  private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
      PosixFilePermissions.fromString("rw-------"));
  private static final String PROCESS = Long.toString(ProcessHandle.current().pid());
  private static final AtomicLong NEXT_TEMP = new AtomicLong();

  private AtomicFiles() {}

  public static void writeString(Path target, String content) throws IOException {
    write(target, content.getBytes(StandardCharsets.UTF_8));
  }

  public static void write(Path target, byte[] content) throws IOException {
    Path dir = target.getParent();
    ensureDirectory(dir);
    Path temp = writeTemp(target, content);
    try {
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
    ensureDirectory(target.getParent());
    ensureDirectory(extra.getParent());
    Path temp = writeTemp(target, content);
    try {
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
    ensureDirectory(target.getParent());
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

  /**
   * Writes {@code content} to a new file beside {@code target}, named after it, this process and a
   * counter. Cheaper than {@link Files#createTempFile} (no random name, no retry on collision in
   * the common case), which matters on the segment publishing path; a name left behind by an
   * earlier process with the same id is skipped.
   */
  private static Path writeTemp(Path target, byte[] content) throws IOException {
    String prefix = "." + target.getFileName() + "." + PROCESS + "-";
    for (int attempt = 0; ; attempt++) {
      Path temp = target.resolveSibling(prefix + NEXT_TEMP.incrementAndGet() + ".tmp");
      try (var channel = Files.newByteChannel(temp, java.util.Set.of(StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE), ownerOnly(temp))) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        return temp;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      } catch (IOException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
    }
  }

  /** The number the next temp file name will carry (for tests). */
  static long nextTempNumber() {
    return NEXT_TEMP.get() + 1;
  }

  private static FileAttribute<?>[] ownerOnly(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {OWNER_ONLY} : new FileAttribute<?>[0];
  }

  /** {@link Files#createDirectories} throws and catches an exception when the directory exists. */
  private static void ensureDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
  }
}
