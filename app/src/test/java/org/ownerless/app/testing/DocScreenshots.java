package org.ownerless.app.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a test's screenshot goes: docs/screenshots/ only on request ({@code -Downerless.screenshots.docs=true}),
 * so an ordinary test run leaves the working tree as it was; target/screenshots/ otherwise.
 */
public final class DocScreenshots {
  private DocScreenshots() {}

  /** The path for {@code file} (e.g. "studio.png"), its directory created. */
  public static Path of(String file) throws IOException {
    Path shot = Boolean.getBoolean("ownerless.screenshots.docs")
        ? repoRoot().resolve("docs/screenshots").resolve(file)
        : Path.of("target/screenshots").resolve(file);
    Files.createDirectories(shot.getParent());
    return shot;
  }

  /** The repository root (tests run in app/). */
  public static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("viewer")) ? here : here.getParent();
  }
}
