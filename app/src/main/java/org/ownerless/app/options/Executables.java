package org.ownerless.app.options;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Finding a program the way a shell would, before the app starts it as a child process. */
public final class Executables {
  private Executables() {}

  /** Whether {@code program} (a bare name) is an executable file in a directory of PATH. */
  public static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      try {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
          return true;
        }
      } catch (InvalidPathException e) {
        return false; // a name this file system cannot even spell is on no PATH
      }
    }
    return false;
  }
}
