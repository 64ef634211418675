package org.ownerless.ingest.transcode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Named pipes, which Java cannot create itself; coreutils' mkfifo does. */
final class Fifos {
  private Fifos() {}

  static void create(Path path) throws IOException {
    Process p = new ProcessBuilder("mkfifo", "-m", "600", path.toString()).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("mkfifo " + path + " failed: " + new String(p.getInputStream().readAllBytes()).trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted creating " + path, e);
    }
  }
}
