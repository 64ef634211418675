package org.ownerless.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {
  @TempDir Path tmp;

  @Test
  void deletesADirectoryWithNestedFilesAndFolders() throws Exception {
    Path dir = tmp.resolve("run-1");
    Files.createDirectories(dir.resolve("720p/segments"));
    Files.writeString(dir.resolve("720p/segments/segment0.ts"), "media");
    Files.writeString(dir.resolve("720p/index.m3u8"), "#EXTM3U");
    Files.writeString(dir.resolve("ffmpeg.log"), "log");

    Directories.deleteQuietly(dir);

    assertThat(dir).doesNotExist();
    assertThat(tmp).exists();
  }

  @Test
  void aMissingDirectoryOrNoneAtAllIsNothingToDo() {
    assertThatCode(() -> Directories.deleteQuietly(tmp.resolve("never-made"))).doesNotThrowAnyException();
    assertThatCode(() -> Directories.deleteQuietly(null)).doesNotThrowAnyException();
  }
}
