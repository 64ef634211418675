package org.ownerless.app.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted on a directory for one test: a file system that really fills up, without
 * touching the machine's disks. Needs root; without it (or where mounting is refused) the test is
 * skipped, saying why.
 */
final class TmpfsMount implements AutoCloseable {
  final Path dir;

  private TmpfsMount(Path dir) {
    this.dir = dir;
  }

  static TmpfsMount mount(Path dir, int megabytes) throws IOException, InterruptedException {
    Assumptions.assumeTrue(run(List.of("id", "-u")).strip().equals("0"),
        "needs root to mount a small tmpfs as the node's data directory");
    Files.createDirectories(dir);
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Assumptions.assumeTrue(p.waitFor() == 0, "mount -t tmpfs refused here: " + out.strip());
    return new TmpfsMount(dir);
  }

  /** Unmounts; lazily if something (a process that outlived the test) still holds a file open. */
  @Override
  public void close() throws IOException, InterruptedException {
    if (new ProcessBuilder("umount", dir.toString()).inheritIO().start().waitFor() != 0) {
      new ProcessBuilder("umount", "-l", dir.toString()).inheritIO().start().waitFor();
    }
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}
