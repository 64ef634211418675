package org.ownerless.app.options;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ownerless.app.UserError;
import org.ownerless.app.UserText;

/** A file a command is asked to write (--out): checked before any work is done, not after. */
public final class OutputFile {
  private OutputFile() {}

  /** Refuses a directory, or a file whose directory does not exist or cannot be written. */
  public static void check(String flag, Path file) {
    Path abs = file.toAbsolutePath();
    if (Files.isDirectory(abs)) {
      throw new UserError(flag + " " + UserText.quote(file.toString()) + " is a directory; name a file in it");
    }
    Path parent = abs.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new UserError(flag + " " + UserText.quote(file.toString()) + ": no such directory " + parent);
    }
    if (!Files.isWritable(parent)) {
      throw new UserError(flag + " " + UserText.quote(file.toString()) + ": cannot write in " + parent);
    }
  }
}
