package org.ownerless.origin.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts a file into the mirror so that no reader ever sees it partly written: write beside the
 * target under a dot-name (the static route never serves dot-files), then rename over it.
 * (The ingest module has the same helper; origin does not depend on ingest.)
 */
final class AtomicWrite {
  private AtomicWrite() {}

  static void write(Path target, byte[] content) throws IOException {
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
}
