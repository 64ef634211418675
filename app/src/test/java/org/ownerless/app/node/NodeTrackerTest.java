package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.TrackerSocket;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.viewer.SwarmHashes;

/** The node's /announce serves its own stream's swarms only (the ladder's hashes once ingest decided it). */
class NodeTrackerTest {
  @TempDir Path data;

  @Test
  void theNodesTrackerRefusesSwarmsThatAreNotItsOwn() throws Exception {
    try (Node node = Node.start(NodeEndToEndTest.options(data, 0, 0, Duration.ofSeconds(3)), Signer.generate());
        TrackerSocket ws = new TrackerSocket("ws://127.0.0.1:" + node.httpPort() + "/announce")) {
      // A hash of another stream: what anyone using the node as a free public tracker would send.
      String foreign = SwarmHashes.infoHash(new org.ownerless.protocol.model.StreamId(Signer.generate().publicKey(),
          "show"), new Rendition("src", 2_000_000, 1280, 720, "avc1.64001f,mp4a.40.2"));
      assertThat(ws.send(TrackerSocket.announce(foreign, "-WW0001-aaaaaaaaaaaa")))
          .contains("\"failure reason\":\"info_hash not allowed\"");
      // Before a publisher connects the renditions are unknown, so not even this stream's swarm exists.
      String own = SwarmHashes.infoHash(node.stream(), new Rendition("src", 2_000_000, 1280, 720,
          "avc1.64001f,mp4a.40.2"));
      assertThat(ws.send(TrackerSocket.announce(own, "-WW0001-aaaaaaaaaaaa"))).contains("info_hash not allowed");
      // Renditions as the ingest reports them: now that one is served, the other still is not.
      node.ownSwarms().renditions(node.stream(), List.of(new Rendition("src", 2_000_000, 1280, 720,
          "avc1.64001f,mp4a.40.2")));
      assertThat(ws.send(TrackerSocket.announce(own, "-WW0001-aaaaaaaaaaaa"))).contains("\"interval\":")
          .doesNotContain("failure reason");
      assertThat(ws.send(TrackerSocket.announce(foreign, "-WW0001-aaaaaaaaaaaa"))).contains("info_hash not allowed");
    }
  }
}
