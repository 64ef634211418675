package org.ownerless.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishWarmupTest {
  @TempDir Path data;
  @TempDir Path temp;

  private ManifestConfig nodeConfig() {
    return ManifestConfig.defaults(data).withSegmentSeconds(2.0);
  }

  private static List<Path> everything(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.sorted().toList();
    }
  }

  @Test
  void publishesThroughTheWholePathThenLeavesNothingBehindAndNeverTouchesTheDataDir() throws Exception {
    Files.writeString(data.resolve("sentinel"), "the node's own");
    List<Path> before = everything(data);
    Path scratch = temp.resolve("scratch");
    PublishWarmup.Result r = PublishWarmup.run(nodeConfig(), false, scratch, Duration.ofSeconds(30), 40,
        Duration.ofSeconds(60));
    assertThat(r.segments()).isEqualTo(40); // more than the retention, so expiry ran too
    assertThat(scratch).doesNotExist();
    assertThat(everything(temp)).containsExactly(temp);
    assertThat(everything(data)).isEqualTo(before);
  }

  @Test
  void fmp4SegmentsWithTheirInitSectionGoThroughAsWell() throws Exception {
    Path scratch = temp.resolve("scratch");
    PublishWarmup.Result r = PublishWarmup.run(nodeConfig(), true, scratch, Duration.ofSeconds(30), 20,
        Duration.ofSeconds(60));
    assertThat(r.segments()).isEqualTo(20);
    assertThat(scratch).doesNotExist();
  }

  @Test
  void stopsAtItsCpuBudgetAndItsWallLimit() throws Exception {
    PublishWarmup.Result noCpu = PublishWarmup.run(nodeConfig(), false, temp.resolve("a"), Duration.ZERO, 1000,
        Duration.ofSeconds(60));
    assertThat(noCpu.segments()).isZero();
    PublishWarmup.Result shortCpu = PublishWarmup.run(nodeConfig(), false, temp.resolve("b"), Duration.ofMillis(200),
        100_000, Duration.ofSeconds(60));
    assertThat(shortCpu.segments()).isPositive();
    // One segment may start just before the budget runs out; no more than that beyond it.
    assertThat(shortCpu.cpuNanos()).isLessThan(Duration.ofMillis(200 + 150).toNanos());
    PublishWarmup.Result shortWall = PublishWarmup.run(nodeConfig(), false, temp.resolve("c"), Duration.ofSeconds(30),
        100_000, Duration.ofMillis(300));
    assertThat(shortWall.wallNanos()).isLessThan(Duration.ofMillis(300 + 1000).toNanos());
    assertThat(everything(temp)).containsExactly(temp);
  }

  @Test
  void inTheBackgroundItCleansUpItsOwnScratchDirectory() throws Exception {
    Thread t = PublishWarmup.startInBackground(nodeConfig(), false, temp);
    t.join(Duration.ofSeconds(60).toMillis());
    assertThat(t.isAlive()).isFalse();
    assertThat(everything(temp)).containsExactly(temp);
    assertThat(everything(data)).containsExactly(data);
  }
}
