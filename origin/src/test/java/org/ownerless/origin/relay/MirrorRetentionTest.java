package org.ownerless.origin.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which mirrored files retention deletes, and that an archive costs it no memory at all. */
class MirrorRetentionTest {
  @TempDir Path dir;

  @Test
  void theOldestGoFirstButNeverAListedSegmentOrTheCurrentRoot() throws Exception {
    MirrorRetention retention = new MirrorRetention(dir, 2);
    for (String f : new String[] {"a.ts", "b.ts", "c.ts", "d.ts", "roots/1-1.json", "roots/1-2.json", "roots/1-3.json"}) {
      Files.createDirectories(dir.resolve(f).getParent());
      Files.writeString(dir.resolve(f), f);
    }
    for (String s : new String[] {"a.ts", "b.ts", "c.ts", "d.ts"}) {
      retention.segmentMirrored(s, null);
    }
    retention.segmentMirrored("a.ts", null); // fetched again (a client asked during a publish): still the oldest, once
    retention.rootWritten("roots/1-1.json");
    retention.rootWritten("roots/1-2.json");
    retention.rootWritten("roots/1-3.json");

    retention.apply(Set.of("b.ts"), "roots/1-1.json");

    assertThat(dir.resolve("a.ts")).doesNotExist();
    assertThat(dir.resolve("b.ts")).exists(); // listed: kept over the limit
    assertThat(dir.resolve("c.ts")).doesNotExist();
    assertThat(dir.resolve("d.ts")).exists();
    assertThat(retention.remembered()).isEqualTo(2 + 2);
    assertThat(dir.resolve("roots/1-1.json")).exists(); // the current root, however old
    assertThat(dir.resolve("roots/1-2.json")).doesNotExist();
    assertThat(dir.resolve("roots/1-3.json")).exists();
  }

  @Test
  void anInitSectionStaysWhileAnyKeptSegmentNeedsItAndGoesWithTheLast() throws Exception {
    MirrorRetention retention = new MirrorRetention(dir, 2);
    String[][] mirrored = {{"a.m4s", "init-a.mp4"}, {"b.m4s", "init-a.mp4"}, {"c.m4s", "init-b.mp4"},
        {"d.m4s", "init-b.mp4"}};
    for (String[] f : mirrored) {
      Files.writeString(dir.resolve(f[0]), f[0]);
      Files.writeString(dir.resolve(f[1]), f[1]);
      retention.segmentMirrored(f[0], f[1]);
    }
    retention.apply(Set.of("b.m4s", "c.m4s", "d.m4s", "init-a.mp4", "init-b.mp4"), "roots/1-4.json");
    assertThat(dir.resolve("a.m4s")).doesNotExist();
    assertThat(dir.resolve("init-a.mp4")).as("b.m4s still needs it").exists();

    retention.apply(Set.of("c.m4s", "d.m4s", "init-b.mp4"), "roots/1-5.json");
    assertThat(dir.resolve("b.m4s")).doesNotExist();
    assertThat(dir.resolve("init-a.mp4")).as("no kept segment needs it").doesNotExist();
    assertThat(dir.resolve("init-b.mp4")).exists();
  }

  @Test
  void anArchiveDeletesNothingAndRemembersNothing() throws Exception {
    MirrorRetention archive = new MirrorRetention(dir, 0);
    Files.writeString(dir.resolve("seg-1-000000.ts"), "x");
    for (int i = 0; i < 10_000; i++) {
      archive.segmentMirrored(String.format("seg-1-%06d.ts", i), null);
      archive.rootWritten("roots/1-" + (i + 1) + ".json");
    }
    archive.apply(Set.of(), "roots/1-10000.json");
    assertThat(dir.resolve("seg-1-000000.ts")).exists();
    // Nothing is ever deleted, so nothing needs remembering: an archive's retention is O(1) in time and memory.
    assertThat(archive.remembered()).isZero();
  }
}
