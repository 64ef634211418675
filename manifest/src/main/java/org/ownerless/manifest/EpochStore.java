package org.ownerless.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ownerless.protocol.io.AtomicFiles;

/**
 * The current epoch of a stream's logs. It only ever grows, and only when the operator asks for a
 * fresh start; a restart after a crash keeps it, so the log continues instead of forking.
 */
final class EpochStore {
  private final Path file;

  EpochStore(Path streamStateDir) {
    this.file = streamStateDir.resolve("epoch");
  }

  long current() throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    try {
      long epoch = Long.parseLong(text);
      if (epoch < 1) {
        throw new NumberFormatException();
      }
      return epoch;
    } catch (NumberFormatException e) {
      throw new IOException(file + " does not hold an epoch number: '" + text + "'");
    }
  }

  /** The epoch to use now: 1 for a new stream, the stored one, or the next one when asked. */
  long open(boolean newEpoch) throws IOException {
    long stored = current();
    long epoch = stored == 0 ? 1 : newEpoch ? stored + 1 : stored;
    if (epoch != stored) {
      AtomicFiles.writeString(file, epoch + "\n");
    }
    return epoch;
  }
}
