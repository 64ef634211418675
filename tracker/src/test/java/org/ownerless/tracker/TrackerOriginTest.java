package org.ownerless.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.tracker.TrackerProtocolTest.A;
import static org.ownerless.tracker.TrackerProtocolTest.announce;
import static org.ownerless.tracker.TrackerProtocolTest.await;

import java.net.InetSocketAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The optional Origin allow-list: pages from other sites cannot use this tracker from a browser. */
class TrackerOriginTest {

  @Test
  void onlyListedOriginsKeepTheirConnection() throws Exception {
    TrackerConfig config = TrackerConfig.builder().allowedOrigins(Set.of("https://watch.example")).build();
    try (TrackerServer server = new TrackerServer(new InetSocketAddress("127.0.0.1", 0), config)) {
      int port = server.start();
      WsClient foreign = new WsClient(port, "https://evil.example");
      WsClient none = new WsClient(port);
      await(() -> foreign.closed && none.closed);
      assertThat(foreign.closeCode).isEqualTo(1008);
      assertThat(none.closeCode).isEqualTo(1008);

      WsClient listed = new WsClient(port, "https://watch.example");
      assertThat(listed.send(announce(A, ""))).contains("\"incomplete\":1");
      assertThat(listed.closed).isFalse();
      listed.close();
      await(() -> server.connections() == 0 && server.peerCount() == 0);
    }
  }

  @Test
  void withoutAListAnyOriginIsServed() throws Exception {
    try (TrackerServer server = new TrackerServer(new InetSocketAddress("127.0.0.1", 0), TrackerConfig.defaults())) {
      int port = server.start();
      WsClient c = new WsClient(port, "https://anywhere.example");
      assertThat(c.send(announce(A, ""))).contains("\"incomplete\":1");
      c.close();
      await(() -> server.connections() == 0 && server.peerCount() == 0);
    }
  }
}
