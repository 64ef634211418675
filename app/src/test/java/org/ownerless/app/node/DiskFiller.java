package org.ownerless.app.node;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Takes every free byte of a file system with one file, and gives them back. A full disk stays
 * full: {@link #topUp()} takes again whatever the node frees meanwhile (a deleted temp file, a
 * finished ffmpeg run), as any other writer on a shared disk would.
 */
final class DiskFiller {
  private static final byte[] CHUNK = new byte[64 * 1024];
  private final Path file;

  DiskFiller(Path dir) {
    this.file = dir.resolve("filler");
  }

  /** Appends until the file system says it is full; returns the bytes taken. */
  long topUp() throws IOException {
    long taken = 0;
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      for (int chunk = CHUNK.length; chunk >= 512; ) {
        try {
          out.write(CHUNK, 0, chunk);
          taken += chunk;
        } catch (IOException full) {
          chunk /= 2; // the last free pages: smaller writes take them too
        }
      }
    }
    return taken;
  }

  void free() throws IOException {
    Files.deleteIfExists(file);
  }

  long size() throws IOException {
    return Files.exists(file) ? Files.size(file) : 0;
  }
}
