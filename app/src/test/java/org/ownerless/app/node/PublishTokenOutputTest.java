package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.NodeProcess;

/**
 * The publish token lets anyone publish under the creator's signature, so a node whose output is
 * collected (journald, docker logs: not a terminal) names the file holding it instead of printing it.
 */
@Tag("e2e") // starts a node in its own JVM
class PublishTokenOutputTest {
  @TempDir Path data;

  @Test
  void aNodeWhoseOutputIsNotATerminalNamesTheTokenFileAndNeverPrintsTheToken() throws Exception {
    try (NodeProcess node = NodeProcess.startNode(data,
        List.of("--host", "127.0.0.1", "--http-port", "0", "--rtmp-port", "0", "--ladder", "src"))) {
      String token = Files.readString(data.resolve("publish-token")).trim();
      String out = node.output();
      assertThat(token).hasSizeGreaterThanOrEqualTo(8);
      assertThat(out).doesNotContain(token)
          .contains("Stream key live?token=TOKEN")
          .contains("cat " + data.toAbsolutePath().resolve("publish-token"));
    }
  }

  @Test
  void aTokenGivenAsASettingIsNotPrintedEither() throws Exception {
    try (NodeProcess node = NodeProcess.startNode(data, List.of("--host", "127.0.0.1", "--http-port", "0",
        "--rtmp-port", "0", "--ladder", "src", "--publish-token", "given-secret-token-42"))) {
      assertThat(node.output()).doesNotContain("given-secret-token-42").contains("the publish token you configured");
    }
  }
}
