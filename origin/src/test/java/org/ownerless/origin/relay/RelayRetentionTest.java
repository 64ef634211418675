package org.ownerless.origin.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.origin.testing.SignedStreamFiles;
import org.ownerless.origin.testing.TestUpstream;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;

/** The relay's disk cache keeps the last N segments and roots, and never what the window lists. */
class RelayRetentionTest {
  @TempDir Path tmp;

  @Test
  void oldSegmentsAndRootsAreDeletedListedOnesKept() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("upstream"), List.of("src"));
    try (TestUpstream upstream = new TestUpstream(creator.streamsDir);
        RunningRelay relay = new RunningRelay(creator.stream, List.of(upstream.url()), tmp.resolve("relay"), 20)) {
      for (int i = 1; i <= 45; i++) {
        creator.addSegment("src");
        long size = i;
        await("size " + i).atMost(Duration.ofSeconds(10)).until(() -> relay.treeSize("src") == size);
      }
      Path dir = relay.config.streamDir().resolve("src");
      assertThat(count(dir, ".ts")).isEqualTo(20);
      assertThat(count(dir.resolve("roots"), ".json")).isEqualTo(20);
      assertThat(dir.resolve("seg-1-000000.ts")).doesNotExist();
      assertThat(dir.resolve("roots/1-1.json")).doesNotExist();
      assertThat(dir.resolve("roots/1-45.json")).exists();
      ManifestRoot root = relay.mirror.published().get("src");
      for (SegmentEntry e : root.window()) {
        assertThat(dir.resolve(e.uri())).exists();
      }
    }
  }

  @Test
  void aRetentionSmallerThanTheWindowStillKeepsTheWholeWindow() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("upstream"), List.of("src"));
    try (TestUpstream upstream = new TestUpstream(creator.streamsDir);
        RunningRelay relay = new RunningRelay(creator.stream, List.of(upstream.url()), tmp.resolve("relay"), 4)) {
      for (int i = 1; i <= 25; i++) {
        creator.addSegment("src");
        long size = i;
        await("size " + i).atMost(Duration.ofSeconds(10)).until(() -> relay.treeSize("src") == size);
      }
      Path dir = relay.config.streamDir().resolve("src");
      assertThat(count(dir, ".ts")).isEqualTo(SignedStreamFiles.WINDOW);
      assertThat(count(dir.resolve("roots"), ".json")).isEqualTo(4);
    }
  }

  private static long count(Path dir, String suffix) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
    }
  }
}
