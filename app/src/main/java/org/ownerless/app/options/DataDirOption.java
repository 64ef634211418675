package org.ownerless.app.options;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ownerless.app.UserError;
import org.ownerless.app.UserText;
import picocli.CommandLine.Option;

/** `--data`: the directory a command keeps its identity, state and served files in. */
public final class DataDirOption {
  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  public DataDirOption(Path defaultDir) {
    this.dir = defaultDir;
  }

  /** Absolute, so files named in banners and logs still make sense after a `cd`. */
  public Path value() {
    Path abs = dir.toAbsolutePath();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new UserError("--data " + UserText.quote(dir.toString()) + " is a file, not a directory");
    }
    return abs;
  }
}
