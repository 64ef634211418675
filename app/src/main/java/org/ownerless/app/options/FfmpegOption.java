package org.ownerless.app.options;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ownerless.app.UserError;
import org.ownerless.app.UserText;
import picocli.CommandLine.Option;

/** `--ffmpeg`: the transcoder a node runs as a child process. */
public final class FfmpegOption {
  @Option(names = "--ffmpeg", paramLabel = "PATH", description = "The ffmpeg executable (default: ${DEFAULT-VALUE} on PATH).")
  String program;

  public FfmpegOption(String defaultProgram) {
    this.program = defaultProgram;
  }

  /** The program, checked to exist now: a missing ffmpeg would otherwise surface only when OBS connects. */
  public String value() {
    requireExecutable(program);
    return program;
  }

  static void requireExecutable(String program) {
    if (program.isBlank() || program.chars().anyMatch(Character::isISOControl)) {
      throw new UserError("--ffmpeg " + UserText.quote(program) + " is not a program name or path");
    }
    if (program.contains("/")) {
      if (!isExecutable(program)) {
        throw new UserError("--ffmpeg " + UserText.quote(program) + " is not an executable");
      }
      return;
    }
    if (!Executables.onPath(program)) {
      throw new UserError(program + " was not found on PATH; install it (Debian: apt-get install -y ffmpeg)");
    }
  }

  private static boolean isExecutable(String path) {
    try {
      return Files.isExecutable(Path.of(path));
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }
}
