package org.ownerless.protocol.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir
  Path dir;

  @Test
  void writesReplaceTheTargetLeaveNoTempFilesAndAreOwnerOnly() throws Exception {
    Path target = dir.resolve("a/b/index.m3u8");
    AtomicFiles.writeString(target, "first");
    AtomicFiles.writeString(target, "second, longer than the first");
    assertThat(Files.readString(target)).isEqualTo("second, longer than the first");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    assertThat(namesIn(target.getParent())).containsExactly("index.m3u8");
  }

  @Test
  void linkedWritesPublishOneFileUnderBothNames() throws Exception {
    Path manifest = dir.resolve("src/manifest.json");
    Path root = dir.resolve("src/roots/7.json");
    byte[] content = "{\"treeSize\":7}".getBytes(StandardCharsets.UTF_8);
    AtomicFiles.publishLinked(root, manifest, content);
    assertThat(mode(manifest)).isEqualTo("rw-r--r--");
    assertThat(mode(root.getParent())).isEqualTo("rwxr-xr-x");
    assertThat(Files.readAllBytes(manifest)).isEqualTo(content);
    assertThat(Files.readAllBytes(root)).isEqualTo(content);
    assertThat(Files.isSameFile(manifest, root)).isTrue();
    assertThat(namesIn(manifest.getParent())).containsExactlyInAnyOrder("manifest.json", "roots");
    assertThat(namesIn(root.getParent())).containsExactly("7.json");
  }

  @Test
  void aStaleTempFileOfTheSameNameIsSkippedNotOverwritten() throws Exception {
    Path target = dir.resolve("announce.json");
    // Occupy the next few names this process would pick, as a crashed earlier process with the
    // same pid might have left them.
    AtomicFiles.writeString(target, "x");
    long next = AtomicFiles.nextTempNumber();
    for (long n = next; n < next + 3; n++) {
      Files.writeString(dir.resolve(".announce.json." + ProcessHandle.current().pid() + "-" + n + ".tmp"), "stale");
    }
    AtomicFiles.writeString(target, "fresh");
    assertThat(Files.readString(target)).isEqualTo("fresh");
    try (Stream<Path> s = Files.list(dir)) {
      // The three stale files are still there, untouched; nothing else was left behind.
      assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp")).map(p -> {
        try {
          return Files.readString(p);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      })).containsExactly("stale", "stale", "stale");
    }
  }

  @Test
  void aNewFileIsWrittenOnceAndNeverReplaced() throws Exception {
    Path key = dir.resolve("keys/creator.key");
    AtomicFiles.writeNew(key, "first".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> AtomicFiles.writeNew(key, "second".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(key)).isEqualTo("first");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(namesIn(key.getParent())).containsExactly("creator.key");
  }

  @Test
  void publishedFilesAndTheDirectoriesMadeForThemAreReadableByEveryone() throws Exception {
    Path page = dir.resolve("viewer/assets/watch.html");
    AtomicFiles.publish(page, "<html>".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.publishString(page, "<html>again");
    assertThat(mode(page)).isEqualTo("rw-r--r--");
    assertThat(mode(page.getParent())).isEqualTo("rwxr-xr-x");
    assertThat(mode(page.getParent().getParent())).isEqualTo("rwxr-xr-x");
    assertThat(namesIn(page.getParent())).containsExactly("watch.html");
  }

  @Test
  void aFileAnotherProgramWroteOwnerOnlyIsPublishedReadable() throws Exception {
    Path staged = Files.createTempFile(dir, "segment", ".ts"); // createTempFile: 0600
    Files.writeString(staged, "media");
    Path target = dir.resolve("src/seg-1-0.ts");
    AtomicFiles.publishMove(staged, target);
    assertThat(Files.readString(target)).isEqualTo("media");
    assertThat(mode(target)).isEqualTo("rw-r--r--");
    assertThat(staged).doesNotExist();
  }

  @Test
  void anExistingDirectoryKeepsTheModeItsOwnerChose() throws Exception {
    Path own = Files.createDirectory(dir.resolve("own"));
    Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwx--x--x"));
    AtomicFiles.publish(own.resolve("f"), new byte[] {1});
    assertThat(mode(own)).isEqualTo("rwx--x--x");
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static String[] namesIn(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }
}
