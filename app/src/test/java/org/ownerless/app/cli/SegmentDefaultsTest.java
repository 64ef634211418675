package org.ownerless.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.node.NodeSettings;

/** Streams get 1 s segments in every latency mode unless the creator or the config file says otherwise. */
class SegmentDefaultsTest {
  @TempDir Path dir;

  private NodeCommand command(String latency, Double segmentSeconds) {
    NodeCommand c = new NodeCommand();
    c.data = dir;
    c.latency = latency;
    c.segmentSeconds = segmentSeconds;
    c.ffmpeg = "/bin/sh"; // any executable: resolving only checks it exists
    return c;
  }

  @Test
  void everyModeDefaultsToOneSecondSegments() throws Exception {
    assertThat(command("low", null).resolve(new NodeSettings()).segmentSeconds()).isEqualTo(1.0);
    assertThat(command("normal", null).resolve(new NodeSettings()).segmentSeconds()).isEqualTo(1.0);
    assertThat(command(null, null).resolve(new NodeSettings()).segmentSeconds()).isEqualTo(1.0);
  }

  @Test
  void anExplicitSegmentLengthWins() throws Exception {
    assertThat(command("low", 3.0).resolve(new NodeSettings()).segmentSeconds()).isEqualTo(3.0);
    NodeSettings file = new NodeSettings();
    file.segmentSeconds = 2.0;
    assertThat(command("normal", null).resolve(file).segmentSeconds()).isEqualTo(2.0);
    assertThat(command("normal", 4.0).resolve(file).segmentSeconds()).isEqualTo(4.0);
  }
}
