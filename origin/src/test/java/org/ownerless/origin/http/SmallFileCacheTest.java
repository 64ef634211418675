package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.origin.http.StreamTree.STREAM;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small files are answered from memory only while the file on disk is still the version that was
 * read: every way the node (or an operator) changes a playlist is served new at the next request.
 */
class SmallFileCacheTest {
  @TempDir Path data;
  StreamTree tree;
  RunningOrigin origin;

  @BeforeEach
  void start() throws Exception {
    tree = StreamTree.in(data);
    origin = RunningOrigin.serving(tree.streams);
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  private String get(String file) throws Exception {
    return new String(Http.get(origin.uri(STREAM + file)).body(), StandardCharsets.UTF_8);
  }

  @Test
  void aPlaylistReplacedByRenameIsServedNewEvenWithTheSameSizeAndTime() throws Exception {
    Path playlist = tree.write("720p/index.m3u8", "#EXTM3U\n#first\n");
    assertThat(get("720p/index.m3u8")).isEqualTo("#EXTM3U\n#first\n");
    assertThat(get("720p/index.m3u8")).isEqualTo("#EXTM3U\n#first\n"); // now from memory
    FileTime before = Files.getLastModifiedTime(playlist);

    Path temp = tree.write("720p/.index.m3u8.tmp", "#EXTM3U\n#later\n"); // same length
    Files.setLastModifiedTime(temp, before); // the same time, to the nanosecond: only the inode differs
    Files.move(temp, playlist, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    assertThat(get("720p/index.m3u8")).isEqualTo("#EXTM3U\n#later\n");
  }

  @Test
  void aFileRewrittenInPlaceIsServedNewOnceItsTimeOrSizeChanged() throws Exception {
    Path playlist = tree.write("720p/index.m3u8", "#EXTM3U\n#first\n");
    assertThat(get("720p/index.m3u8")).isEqualTo("#EXTM3U\n#first\n");
    FileTime before = Files.getLastModifiedTime(playlist);

    Files.writeString(playlist, "#EXTM3U\n#other\n"); // same inode, same length
    Files.setLastModifiedTime(playlist, FileTime.fromMillis(before.toMillis() + 1000));
    assertThat(get("720p/index.m3u8")).isEqualTo("#EXTM3U\n#other\n");

    Files.writeString(playlist, "#EXTM3U\n#longer one\n");
    Files.setLastModifiedTime(playlist, FileTime.fromMillis(before.toMillis() + 1000)); // only the size tells
    assertThat(get("720p/index.m3u8")).isEqualTo("#EXTM3U\n#longer one\n");
  }

  @Test
  void aDeletedFileIsNotFoundThoughItsBodyWasCached() throws Exception {
    Path playlist = tree.write("720p/index.m3u8", "#EXTM3U\n");
    assertThat(get("720p/index.m3u8")).isEqualTo("#EXTM3U\n");
    Files.delete(playlist);
    assertThat(Http.get(origin.uri(STREAM + "720p/index.m3u8")).statusCode()).isEqualTo(404);
  }

  @Test
  void theCacheKeepsToItsByteBoundAndAnswersOnlyForTheVersionItHolds() throws Exception {
    SmallFileCache cache = new SmallFileCache(10_000);
    Path a = tree.write("a.m3u8", new byte[6_000]);
    Path b = tree.write("b.m3u8", new byte[6_000]);
    BasicFileAttributes aAttrs = attrs(a);
    FileHeaders headers = FileHeaders.of(aAttrs, "a.m3u8");
    cache.put(a, aAttrs, new byte[6_000], headers);
    assertThat(cache.get(a, aAttrs)).isNotNull();
    assertThat(cache.get(a, attrs(b))).as("another file's attributes").isNull();

    cache.put(b, attrs(b), new byte[6_000], headers);
    assertThat(cache.bytes()).isLessThanOrEqualTo(10_000);
    assertThat(cache.get(b, attrs(b))).isNotNull();

    cache.put(a, aAttrs, new byte[5_000], headers); // not the body these attributes describe
    assertThat(cache.get(a, aAttrs)).isNull();
    cache.put(a, aAttrs, new byte[SmallFileCache.MAX_FILE + 1], headers);
    assertThat(cache.bytes()).isLessThanOrEqualTo(10_000);
  }

  private static BasicFileAttributes attrs(Path p) throws Exception {
    return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }
}
