package org.ownerless.net;

import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Cleans up scratch directories (an ffmpeg run's work folder, the publish warm-up's stream) whose loss
 * matters to nobody: a file that cannot go is logged at debug and the rest is still deleted, because
 * failing the caller over leftover scratch would turn a harmless leak into an outage. Here rather than
 * in one of the modules that use it because this module is the one every server reaches without a cycle.
 */
public final class Directories {
  // Netty's logger facade (it binds to SLF4J when present) keeps this module's only dependency Netty.
  private static final InternalLogger log = InternalLoggerFactory.getInstance(Directories.class);

  private Directories() {}

  /** Deletes {@code dir} and everything under it, as far as it can; nothing to do for null or a missing one. */
  public static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      // Deepest first, so each directory is empty by the time its turn comes.
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          log.debug("cannot delete {}: {}", p, e.getMessage());
        }
      });
    } catch (IOException e) {
      log.debug("cannot clean {}: {}", dir, e.getMessage());
    }
  }
}
