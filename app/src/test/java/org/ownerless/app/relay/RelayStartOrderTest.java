package org.ownerless.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.node.NodeSettings;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.Waits;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.StreamId;

/**
 * Services come up in any order: a relay started before its node (after a reboot, say) keeps
 * running, and mirrors the stream as soon as the node is up, without a restart.
 */
@Tag("e2e")
class RelayStartOrderTest {
  @TempDir Path tmp;

  @Test
  void aRelayStartedBeforeItsNodeMirrorsTheStreamOnceTheNodeIsUp() throws Exception {
    Signer creator = Signer.generate();
    Path nodeData = tmp.resolve("node");
    int nodePort;
    try (ServerSocket probe = new ServerSocket(0)) {
      nodePort = probe.getLocalPort();
    }
    String nodeUrl = "http://127.0.0.1:" + nodePort + "/";
    StreamId stream = new StreamId(creator.publicKey(), "show");
    try (Relay relay = Relay.start(new RelayOptions(stream, List.of(nodeUrl), tmp.resolve("relay"), "127.0.0.1", 0,
        null, 64, null, null))) {
      Waits.until(Duration.ofSeconds(20), () -> "the relay to notice its upstream is down",
          () -> relay.mirror().upstreams().waitingOut());
      NodeSettings settings = NodeSettings.builder().name("show").dataDir(nodeData).host("127.0.0.1").httpPort(nodePort)
          .rtmpPort(0).publishToken("start-order-token").title("Start order").ladder("src").build();
      try (LiveNode live = LiveNode.start(settings, creator, 90)) {
        live.awaitSegments("src", 2, Duration.ofSeconds(40));
        // Back-off is at most 30 s; then the relay follows the live edge like any other.
        Waits.until(Duration.ofSeconds(60), () -> "the relay to mirror 2 segments",
            () -> RelayChainTest.treeSize(relay, "src") >= 2);
        long now = RelayChainTest.treeSize(relay, "src");
        Waits.until(Duration.ofSeconds(30), () -> "the relay to follow the node",
            () -> RelayChainTest.treeSize(relay, "src") > now);
        assertThat(relay.mirror().upstreams().waitingOut()).isFalse();
      }
    }
  }
}
