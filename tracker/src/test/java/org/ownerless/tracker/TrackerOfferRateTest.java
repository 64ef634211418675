package org.ownerless.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.tracker.TrackerExpiryTest.offer;
import static org.ownerless.tracker.TrackerProtocolTest.A;
import static org.ownerless.tracker.TrackerProtocolTest.B;
import static org.ownerless.tracker.TrackerProtocolTest.announce;
import static org.ownerless.tracker.TrackerProtocolTest.await;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection's relayed offers are rate-limited; a flooder is cut off. The clock is moved by hand. */
class TrackerOfferRateTest {
  final AtomicLong clock = new AtomicLong(1_000_000_000L);
  TrackerServer server;

  int start(TrackerConfig config) throws Exception {
    server = new TrackerServer(new InetSocketAddress("127.0.0.1", 0), new SwarmRegistry(config, clock::get));
    return server.start();
  }

  @AfterEach
  void stop() {
    await(() -> server.connections() == 0 && server.peerCount() == 0 && server.swarmCount() == 0);
    server.close();
  }

  /** Offers B received until nothing more arrives. */
  static int offersReceived(WsClient b) throws InterruptedException {
    int n = 0;
    for (String m; (m = b.in.poll(500, TimeUnit.MILLISECONDS)) != null; ) {
      assertThat(m).contains("\"offer\":");
      n++;
    }
    return n;
  }

  @Test
  void aFloodOfOffersReachesAPeerOnlyUpToTheBurst() throws Exception {
    int port = start(TrackerConfig.defaults());
    WsClient a = new WsClient(port);
    WsClient b = new WsClient(port);
    b.send(announce(B, ""));
    // 50 announces of one offer each, all in the same instant: the default burst is 40.
    for (int i = 0; i < 50; i++) {
      assertThat(a.send(announce(A, offer(String.format("offer-%014d", i))))).contains("\"interval\":");
    }
    assertThat(offersReceived(b)).isEqualTo(40);
    a.close();
    b.close();
  }

  @Test
  void theBucketRefillsAndASustainedFlooderIsClosed() throws Exception {
    int port = start(TrackerConfig.builder().offersPerSecond(1).offerBurst(3).build());
    WsClient a = new WsClient(port);
    WsClient b = new WsClient(port);
    b.send(announce(B, ""));
    for (int i = 0; i < 4; i++) {
      a.send(announce(A, offer(String.format("offer-%014d", i)))); // the 4th is dropped
    }
    assertThat(offersReceived(b)).isEqualTo(3);
    clock.addAndGet(1_000_000_000L); // one token back
    a.send(announce(A, offer("offer-00000000000004")));
    assertThat(offersReceived(b)).isEqualTo(1);
    // Still without a full bucket: dropped 1 + 2 = 3, a burst's worth, is tolerated (each still answered);
    // the next one makes more than a burst dropped (4 > 3) and closes the connection.
    for (int i = 5; i < 7; i++) {
      assertThat(a.send(announce(A, offer(String.format("offer-%014d", i))))).contains("\"interval\":");
    }
    a.post(announce(A, offer("offer-00000000000007")));
    await(() -> a.closed);
    assertThat(a.closeCode).isEqualTo(1008);
    assertThat(offersReceived(b)).isZero();
    b.close();
  }
}
