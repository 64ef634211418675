package org.ownerless.protocol.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishing files so that no reader (our origin, nginx, a sync tool) ever sees a partial one:
 * write beside the target, then rename over it, which POSIX makes atomic within a file system.
 * Used for everything the project writes that someone may read while it is written: published
 * stream files, the creator key, the publish token, announces, the viewer bundle.
 *
 * <p>Two kinds, by who may read them. {@code write*} files are owner-only ({@code 0600}): keys,
 * tokens, state. {@code publish*} files are public anyway (signed stream files, the viewer), and a
 * web server running as its own user must be able to serve the data directory, so they get
 * {@code 0644} and the directories made for them {@code 0755}, whatever the process umask says.
 */
public final class AtomicFiles {
  /** Temp files are owner-only, as {@link Files#createTempFile} makes them; the rename keeps that. */
  private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
      PosixFilePermissions.fromString("rw-------"));
  private static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> PUBLIC_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final FileAttribute<?>[] NO_ATTRIBUTES = new FileAttribute<?>[0];
  private static final String PROCESS = Long.toString(ProcessHandle.current().pid());
  private static final AtomicLong NEXT_TEMP = new AtomicLong();

  private AtomicFiles() {}

  public static void writeString(Path target, String content) throws IOException {
    write(target, content.getBytes(StandardCharsets.UTF_8));
  }

  public static void write(Path target, byte[] content) throws IOException {
    replace(target, writeTemp(target, content));
  }

  /** As {@link #write}, but readable by everyone ({@code 0644}): for files that are published. */
  public static void publish(Path target, byte[] content) throws IOException {
    publicDirectory(target.getParent());
    replace(target, publicFile(writeTemp(target, content)));
  }

  public static void publishString(Path target, String content) throws IOException {
    publish(target, content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Creates {@code dir} and its missing parents as {@code 0755}, for published files. Existing
   * directories are left as they are: their modes are the owner's choice.
   */
  public static void publicDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      publicDirectory(parent);
    }
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(dir)) {
        throw raced;
      }
      return;
    }
    if (isPosix(dir)) {
      Files.setPosixFilePermissions(dir, PUBLIC_DIRECTORY); // explicit: mkdir's mode is cut by the umask
    }
  }

  /**
   * Publishes {@code content} under {@code target} only if no file has that name yet, so a writer
   * racing with this one is never clobbered (a hard link fails on an existing name). Owner-only.
   *
   * @throws java.nio.file.FileAlreadyExistsException if {@code target} exists
   */
  public static void writeNew(Path target, byte[] content) throws IOException {
    Path temp = writeTemp(target, content);
    try {
      try {
        Files.createLink(target, temp);
      } catch (UnsupportedOperationException e) {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE); // no hard links here: a plain rename
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void replace(Path target, Path temp) throws IOException {
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
  public static void publishLinked(Path extra, Path target, byte[] content) throws IOException {
    publicDirectory(extra.getParent());
    publicDirectory(target.getParent());
    Path temp = publicFile(writeTemp(target, content));
    try {
      Path link = extra.resolveSibling("." + extra.getFileName() + "." + temp.getFileName() + ".lnk");
      try {
        Files.createLink(link, temp);
        Files.move(link, extra, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
        Files.deleteIfExists(link);
        publish(extra, content);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Publishes a finished file (a segment another program wrote, with whatever mode it chose) by
   * moving it into place readable by everyone; falls back to copy-then-rename across file systems.
   */
  public static void publishMove(Path source, Path target) throws IOException {
    publicDirectory(target.getParent());
    try {
      publicFile(source);
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      try {
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
        publicFile(temp);
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
    ensureDirectory(target.getParent());
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
    return isPosix(file) ? new FileAttribute<?>[] {OWNER_ONLY} : NO_ATTRIBUTES;
  }

  /** Made 0644 before it gets its public name, so it is never visible with another mode. */
  private static Path publicFile(Path file) throws IOException {
    if (isPosix(file)) {
      Files.setPosixFilePermissions(file, PUBLIC_FILE);
    }
    return file;
  }

  private static boolean isPosix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** {@link Files#createDirectories} throws and catches an exception when the directory exists. */
  private static void ensureDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
  }
}
