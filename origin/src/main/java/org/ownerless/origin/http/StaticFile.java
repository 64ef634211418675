package org.ownerless.origin.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * A regular file found strictly inside a root directory, with the attributes its validators
 * (ETag, Last-Modified) come from: either open ({@link #channel()}, which the caller owns and must
 * close) or, for a small file whose cached copy is still this version, its {@link #cached() body}.
 */
record StaticFile(Path path, FileChannel channel, byte[] cached, BasicFileAttributes attrs, String name,
    FileHeaders headers) {

  /**
   * Opens {@code root/relative} if it is a regular file that really lies inside {@code root}.
   *
   * @param realRoot the root, already {@link Path#toRealPath resolved}
   * @param relative a path with '/' separators and no '.', '..' or empty segments
   */
  static Optional<StaticFile> open(Path realRoot, String relative, RealDirectories dirs, SmallFileCache cache)
      throws IOException {
    Path candidate;
    try {
      candidate = realRoot.resolve(relative).normalize();
    } catch (InvalidPathException e) {
      // A name the file system's encoding cannot hold (a JVM started without a UTF-8 locale, as
      // daemons often are, cannot map "\u00a3" to a file name): no published file is called that.
      return Optional.empty();
    }
    if (!candidate.startsWith(realRoot)) {
      return Optional.empty();
    }
    // The directory part is resolved through every symlink (cached: resolving costs an lstat per
    // component on every request otherwise); a symlinked file is resolved on its own.
    Path realDir = dirs.resolve(candidate.getParent());
    if (realDir == null || !realDir.startsWith(realRoot)) {
      return Optional.empty(); // missing, or a symlinked directory pointing out of the root
    }
    Path real = realDir.resolve(candidate.getFileName());
    BasicFileAttributes attrs = attributes(real);
    if (attrs != null && attrs.isSymbolicLink()) {
      try {
        real = real.toRealPath(); // rare: follow it, but only to somewhere inside the root
      } catch (NoSuchFileException e) {
        return Optional.empty(); // dangling
      }
      if (!real.startsWith(realRoot)) {
        return Optional.empty();
      }
      attrs = attributes(real);
    }
    // Attributes first, then open. Files are replaced by atomic rename; if one lands in between, the
    // body is newer than the ETag, so the client's next revalidation misses and refetches. The
    // other order could pin an old body under the new ETag.
    for (int attempt = 0; attempt < 3; attempt++) {
      if (attempt > 0) {
        attrs = attributes(real);
      }
      if (attrs == null) {
        return Optional.empty();
      }
      if (!attrs.isRegularFile()) {
        return Optional.empty(); // directories (no listings), devices, fifos
      }
      SmallFileCache.Hit hit = cache.get(real, attrs);
      if (hit != null) {
        return Optional.of(new StaticFile(real, null, hit.body(), attrs, real.getFileName().toString(), hit.headers()));
      }
      FileChannel channel;
      try {
        channel = FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
      if (channel.size() == attrs.size()) {
        String name = real.getFileName().toString();
        return Optional.of(new StaticFile(real, channel, null, attrs, name, FileHeaders.of(attrs, name)));
      }
      channel.close(); // rewritten in place between the two calls; look again
    }
    throw new IOException("file keeps changing while being opened: " + relative);
  }

  /**
   * The whole body of this small open file, remembered in {@code cache} if the file still has the
   * attributes it was opened with once it has been read (so the body is that version's).
   */
  byte[] readAll(SmallFileCache cache) throws IOException {
    if (cached != null) {
      return cached;
    }
    byte[] body = new byte[(int) attrs.size()];
    ByteBuffer into = ByteBuffer.wrap(body);
    while (into.hasRemaining()) {
      if (channel.read(into, into.position()) < 0) {
        throw new IOException(name + " shrank while being read");
      }
    }
    BasicFileAttributes after = attributes(path);
    if (after != null && after.size() == attrs.size() && after.lastModifiedTime().equals(attrs.lastModifiedTime())
        && Objects.equals(after.fileKey(), attrs.fileKey())) {
      cache.put(path, attrs, body, headers);
    }
    return body;
  }

  /** Releases the open file, if this is one. */
  void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }

  /** The file's own attributes (a symlink is not followed), or null if it does not exist. */
  private static BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  long size() {
    return attrs.size();
  }
}
