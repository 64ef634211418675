package org.ownerless.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ownerless.app.UserError;

/** Reads a user-named input file with a size bound, turning every failure into a clear UserError. */
public final class InputFiles {
  private InputFiles() {}

  public static byte[] read(Path file, int maxBytes) {
    if (!Files.exists(file)) {
      throw new UserError("no such file: " + file);
    }
    if (Files.isDirectory(file)) {
      throw new UserError(file + " is a directory, not a file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new UserError(file + " is larger than " + maxBytes + " bytes; not a protocol object");
      }
      return bytes;
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage());
    }
  }
}
