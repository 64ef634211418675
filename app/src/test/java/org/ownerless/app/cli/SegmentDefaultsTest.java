package org.ownerless.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streams get 1 s segments in every latency mode unless the creator or the config file says otherwise. */
class SegmentDefaultsTest {
  @TempDir Path dir;

  @Test
  void everyModeDefaultsToOneSecondSegments() throws Exception {
    String data = dir.toString();
    assertThat(NodeArgs.settings("--data", data, "--latency", "low").segmentSeconds()).isEqualTo(1.0);
    assertThat(NodeArgs.settings("--data", data, "--latency", "normal").segmentSeconds()).isEqualTo(1.0);
    assertThat(NodeArgs.settings("--data", data).segmentSeconds()).isEqualTo(1.0);
  }

  @Test
  void anExplicitSegmentLengthWins() throws Exception {
    String data = dir.toString();
    assertThat(NodeArgs.settings("--data", data, "--latency", "low", "--segment-seconds", "3").segmentSeconds())
        .isEqualTo(3.0);
    Path file = dir.resolve("node.yaml");
    Files.writeString(file, "segmentSeconds: 2\n");
    String config = file.toString();
    assertThat(NodeArgs.settings("--data", data, "--config", config).segmentSeconds()).isEqualTo(2.0);
    assertThat(NodeArgs.settings("--data", data, "--config", config, "--segment-seconds", "4").segmentSeconds())
        .isEqualTo(4.0);
  }
}
